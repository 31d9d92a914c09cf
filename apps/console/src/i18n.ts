/**
 * The console's words, Bahasa Indonesia first (the default) and English. Written as a case worker
 * speaks: what happened and what to do next, never an HTTP status or a stack.
 */
import type { EvidenceFault } from '../../../libs/transparency/src/verify-evidence';

export type Lang = 'id' | 'en';

/** A word, or a sentence made from values, in one language. */
type Word = string | ((...values: never[]) => string);
/** Indonesian, then English: side by side, a translation cannot go missing or drift from its word. */
type Pair = readonly [id: Word, en: Word];
interface Table {
  readonly [key: string]: Pair | Table;
}

const WORDS = {
  appName: ['Konsol Koordinasi Kasus TPPO', 'TPPO Case Coordination Console'],
  language: ['Bahasa', 'English'],
  switchTo: ['English', 'Bahasa Indonesia'],
  signOut: ['Keluar', 'Sign out'],
  signedInAs: ['Masuk sebagai', 'Signed in as'],
  nav: {
    desk: ['Meja kerja', 'Desk'],
    oversight: ['Pengawasan kasus', 'Case oversight'],
    statistics: ['Statistik', 'Statistics'],
  },
  signIn: {
    title: ['Masuk ke konsol', 'Sign in to the console'],
    lead: [
      'Pilih unit tempat Anda bekerja. Mode lokal: tanpa penyedia identitas, hanya untuk pengembangan dan pelatihan.',
      'Choose the unit you work for. Local mode: no identity provider, for development and training only.',
    ],
    unit: ['Unit kerja', 'Unit'],
    submit: ['Masuk', 'Sign in'],
    noLocal: [
      'Server ini belum diatur untuk masuk lewat konsol. Hubungi pengelola sistem di instansi Anda.',
      'This server is not set up for signing in to the console. Ask your agency’s system administrator.',
    ],
    oidcLead: [
      'Masuk dengan akun instansi Anda. Halaman masuk instansi akan terbuka, lalu Anda kembali ke sini.',
      'Sign in with your agency account. Your agency’s sign-in page opens, then you come back here.',
    ],
    oidcSubmit: ['Masuk dengan akun instansi', 'Sign in with your agency account'],
    signingIn: ['Sedang masuk…', 'Signing in…'],
    oidcDenied: ['Masuk dibatalkan atau ditolak oleh penyedia identitas. Silakan coba lagi.', 'The sign-in was cancelled or refused by the identity provider. Please try again.'],
    oidcStale: [
      'Proses masuk tadi sudah tidak berlaku (mungkin dimulai di tab lain). Silakan masuk lagi.',
      'That sign-in is no longer valid (it may have been started in another tab). Please sign in again.',
    ],
    oidcFailed: [
      'Masuk tidak berhasil: jawaban penyedia identitas tidak dapat diperiksa. Coba lagi; bila terus terjadi, hubungi pengelola sistem.',
      'The sign-in did not work: the identity provider’s answer could not be checked. Try again; if it keeps happening, ask your system administrator.',
    ],
    oidcUnreachable: [
      'Penyedia identitas instansi tidak dapat dihubungi. Periksa jaringan, lalu coba lagi.',
      'Your agency’s identity provider cannot be reached. Check the network, then try again.',
    ],
  },
  desk: {
    inbox: ['Rujukan dan alih kelola menunggu jawaban', 'Referrals and lead handoffs waiting for your answer'],
    inboxEmpty: ['Tidak ada yang menunggu jawaban unit Anda.', 'Nothing is waiting for your unit’s answer.'],
    live: ['Tersambung: kotak masuk diperbarui otomatis', 'Connected: the inbox updates by itself'],
    reconnecting: ['Sambungan terputus, mencoba lagi…', 'Connection lost, trying again…'],
    referral: ['Rujukan', 'Referral'],
    handoff: ['Alih kelola', 'Lead handoff'],
    from: ['Dari', 'From'],
    purpose: ['Keperluan', 'Purpose'],
    urgency: ['Tingkat', 'Urgency'],
    sent: ['Dikirim', 'Sent'],
    due: ['Batas jawab', 'Answer by'],
    accept: ['Terima', 'Accept'],
    decline: ['Tolak', 'Decline'],
    declineReason: ['Alasan menolak', 'Why you decline'],
    declineSend: ['Kirim penolakan', 'Send the decline'],
    cancel: ['Batal', 'Cancel'],
    accepted: ['Diterima. Kasus sekarang ada di daftar kasus Anda.', 'Accepted. The case is now in your list of cases.'],
    declined: ['Penolakan terkirim.', 'Decline sent.'],
    myCases: ['Kasus saya', 'My cases'],
    myCasesEmpty: ['Unit Anda belum terlibat dalam kasus yang terbuka.', 'Your unit takes part in no open case yet.'],
    clocks: ['Tenggat yang harus unit Anda penuhi', 'Deadlines your unit must meet'],
    clocksEmpty: ['Tidak ada tenggat berjalan.', 'No deadline is running.'],
    worklist: ['Daftar kerja instansi', 'Your agency’s worklist'],
    worklistEmpty: ['Daftar kerja kosong.', 'The worklist is empty.'],
    openCase: ['Buka kasus baru', 'Open a new case'],
    open: ['Buka kasus', 'Open the case'],
    opened: ['Kasus dibuka.', 'Case opened.'],
  },
  caseCol: {
    case: ['Kasus', 'Case'],
    region: ['Wilayah', 'Region'],
    lead: ['Unit penanggung jawab', 'Lead unit'],
    opened: ['Dibuka', 'Opened'],
    last: ['Kegiatan terakhir', 'Last activity'],
    victims: ['Korban', 'Victims'],
    stage: ['Tahap penyidikan', 'Investigation stage'],
    status: ['Status', 'Status'],
    breached: ['Tenggat terlewat', 'Deadlines missed'],
  },
  clock: {
    kind: ['Tenggat', 'Deadline'],
    dueAt: ['Jatuh tempo', 'Due'],
    daysLeft: [(n: number) => (n === 0 ? 'hari ini' : `${n} hari lagi`), (n: number) => (n === 0 ? 'today' : `${n} days left`)],
    overdue: [(n: number) => `lewat ${n} hari`, (n: number) => `${n} days over`],
    met: ['terpenuhi', 'met'],
    late: ['terlambat', 'late'],
    defaulted: ['tidak dibayar', 'not paid'],
    cancelled: ['dibatalkan', 'cancelled'],
    running: ['berjalan', 'running'],
    waiting: ['menunggu', 'waiting'],
    breached: ['terlewat', 'missed'],
  },
  casePage: {
    title: ['Kasus', 'Case'],
    back: ['Kembali', 'Back'],
    timeline: ['Garis waktu per unit', 'Timeline by unit'],
    timelineHint: [
      'Gulir atau cubit untuk memperbesar, geser untuk berpindah. Pilih tanda untuk melihat rinciannya.',
      'Scroll or pinch to zoom, drag to move. Choose a mark to see its details.',
    ],
    lanes: ['Jalur unit', 'Unit lanes'],
    leadBand: ['Pita penanggung jawab', 'Lead band'],
    leadPeriods: ['Penanggung jawab kasus dari waktu ke waktu', 'Who led the case, over time'],
    since: ['sejak', 'since'],
    clocks: ['Tenggat', 'Deadlines'],
    noEventSelected: [
      'Pilih satu kejadian pada garis waktu untuk melihat apa yang boleh diketahui unit Anda tentangnya.',
      'Choose an event on the timeline to see what your unit may know about it.',
    ],
    event: ['Kejadian', 'Event'],
    occurredAt: ['Terjadi', 'Happened'],
    recordedAt: ['Dicatat', 'Recorded'],
    late: ['Dicatat terlambat', 'Recorded late'],
    actingUnit: ['Dilakukan oleh', 'Done by'],
    leadAfter: ['Penanggung jawab sesudahnya', 'Lead afterwards'],
    unitsNamed: ['Unit yang disebut', 'Units named'],
    sections: ['Bagian kasus yang boleh dilihat unit Anda', 'Parts of the case your unit may see'],
    victims: ['Korban (nama tidak ditampilkan)', 'Victims (names not shown)'],
    child: ['anak', 'child'],
    adult: ['dewasa', 'adult'],
    referrals: ['Rujukan', 'Referrals'],
    handoffs: ['Alih kelola', 'Lead handoffs'],
    consents: ['Persetujuan berbagi data', 'Consents to share'],
    investigation: ['Penyidikan', 'Investigation'],
    services: ['Layanan', 'Services'],
    chain: ['Keutuhan catatan', 'Record integrity'],
    chainValid: [(n: number) => `Utuh: ${n} kejadian, tidak ada yang diubah.`, (n: number) => `Intact: ${n} events, none altered.`],
    chainBroken: [(r: number) => `Rusak mulai kejadian ke-${r}. Laporkan ke administrator.`, (r: number) => `Broken from event ${r} on. Report it to the administrator.`],
    evidence: ['Bukti log transparansi', 'Transparency log evidence'],
    evidenceChecking: ['Memeriksa bukti di peramban ini…', 'Checking the evidence in this browser…'],
    evidenceVerified: [
      (events: number, size: number, keyId: string) => `Bukti diperiksa di peramban ini: ${events} kejadian ada di log transparansi yang ditandatangani (checkpoint ${size} kejadian, kunci ${keyId}).`,
      (events: number, size: number, keyId: string) => `Evidence checked in this browser: ${events} events are in the signed transparency log (checkpoint of ${size} events, key ${keyId}).`,
    ],
    evidenceWithheld: [
      (n: number) => `${n} kejadian lain dirahasiakan dari unit Anda; urutannya tetap diperiksa.`,
      (n: number) => `${n} more events are withheld from your unit; their order is still checked.`,
    ],
    evidenceFirstUse: [
      'Kunci log ini baru pertama kali dilihat di peramban ini dan kini disimpan. Cocokkan kodenya dengan kunci yang diumumkan kementerian.',
      'This browser sees this log key for the first time and now keeps it. Compare its code with the key the ministry publishes.',
    ],
    evidenceFailed: [
      (keyId: string) => `Bukti tidak lolos pemeriksaan di peramban ini (kunci ${keyId}).`,
      (keyId: string) => `The evidence did not pass the check in this browser (key ${keyId}).`,
    ],
    evidenceAt: [(r: number) => `Kejadian pertama yang bermasalah: #${r}.`, (r: number) => `First event at fault: #${r}.`],
    evidenceReport: [
      'Jangan mengandalkan catatan ini. Unduh bundel bukti dan laporkan ke kementerian.',
      'Do not rely on this record. Download the evidence bundle and report it to the ministry.',
    ],
    evidenceFaults: {
      MALFORMED_BUNDLE: [
        'Berkas bukti dari server tidak lengkap atau rusak, sehingga tidak dapat diperiksa.',
        'The evidence file from the server is incomplete or damaged, so it cannot be checked.',
      ],
      BAD_CHECKPOINT_SIGNATURE: ['Tanda tangan log pada bukti ini tidak cocok dengan kunci log.', 'The log’s signature on this evidence does not match the log’s key.'],
      CHECKPOINT_MISMATCH: ['Ringkasan log di bukti ini berbeda dengan yang ditandatangani.', 'The log summary in this evidence differs from the signed one.'],
      MALFORMED_EVENT: ['Salah satu kejadian di bukti ini tidak lengkap atau rusak.', 'One of the events in this evidence is incomplete or damaged.'],
      INCLUSION_PROOF_FAILED: [
        'Salah satu kejadian tidak tercatat di log transparansi seperti yang ditunjukkan: kejadian itu atau buktinya telah diubah.',
        'An event is not in the transparency log as shown: the event or its proof was changed.',
      ],
      CHAIN_BROKEN: [
        'Rangkaian catatan kasus terputus: ada kejadian yang diubah, dipindah, atau disisipkan.',
        'The case’s chain of records is broken: an event was changed, moved or slipped in.',
      ],
      REVISION_MISSING: [
        'Ada kejadian kasus yang hilang dari bukti tanpa keterangan bahwa kejadian itu dirahasiakan.',
        'An event of the case is missing from the evidence without being declared withheld.',
      ],
      ORDER_MISMATCH: ['Urutan kejadian di log tidak sama dengan urutan dalam kasus.', 'The order of the events in the log differs from their order in the case.'],
      BAD_KEPT_CHECKPOINT: ['Checkpoint yang disimpan sebelumnya tidak cocok dengan kunci log.', 'The checkpoint kept earlier does not match the log’s key.'],
      LOG_ROLLED_BACK: [
        'Log transparansi kini lebih pendek daripada yang pernah dilihat: ada catatan yang dihapus.',
        'The transparency log is now shorter than it was seen before: records were removed.',
      ],
      LOG_FORKED: [
        'Ada dua versi log transparansi yang berbeda dan sama-sama ditandatangani: log telah ditulis ulang.',
        'Two different versions of the transparency log are both signed: the log was rewritten.',
      ],
      CONSISTENCY_PROOF_MISSING: [
        'Bukti tidak memuat pemeriksaan bahwa log hanya bertambah sejak terakhir dilihat.',
        'The evidence does not show that the log only grew since it was last seen.',
      ],
      CONSISTENCY_PROOF_FAILED: [
        'Log transparansi kini tidak melanjutkan log yang pernah dilihat: log telah ditulis ulang.',
        'The transparency log no longer extends the log seen before: it was rewritten.',
      ],
      OTHER_CASE: ['Server mengirim bukti untuk kasus lain, bukan kasus ini.', 'The server sent the evidence of another case, not this one.'],
    } as const satisfies Record<EvidenceFault | 'OTHER_CASE', Pair>,
    evidenceKeyChanged: [
      (trusted: string, offered: string) => `Kunci log berubah: peramban ini menyimpan kunci ${trusted}, server kini memakai kunci ${offered}. Bukti tidak dinyatakan sah. Tanyakan ke kementerian kunci mana yang benar.`,
      (trusted: string, offered: string) => `The log’s key changed: this browser keeps key ${trusted}, the server now uses key ${offered}. The evidence is not declared valid. Ask the ministry which key is right.`,
    ],
    evidenceNoCheckpoint: [
      'Log transparansi belum punya checkpoint yang memuat kasus ini, jadi bukti belum dapat diperiksa. Coba lagi sebentar lagi.',
      'The transparency log has no checkpoint holding this case yet, so the evidence cannot be checked. Try again shortly.',
    ],
    evidenceUnavailable: ['Bukti tidak dapat diambil dari server, jadi belum diperiksa.', 'The evidence could not be fetched from the server, so it was not checked.'],
    evidenceDownload: ['Unduh bundel bukti (JSON)', 'Download the evidence bundle (JSON)'],
    evidenceOffline: ['Periksa sendiri tanpa server:', 'Check it yourself, without the server:'],
    evidenceKeyPlaceholder: ['<kunci dari kementerian>', '<key from the ministry>'],
    textVersion: ['Versi teks garis waktu', 'Text version of the timeline'],
    actions: ['Tindakan', 'Actions'],
    registerVictim: ['Catat korban', 'Register a victim'],
    fullName: ['Nama lengkap', 'Full name'],
    sex: ['Jenis kelamin', 'Sex'],
    birthDate: ['Tanggal lahir', 'Date of birth'],
    occurredOn: ['Tanggal kejadian', 'Date it happened'],
    occurredOnHint: ['Isi hanya bila kasus dicatat belakangan; kosongkan bila hari ini.', 'Fill in only when you record the case later; leave empty for today.'],
    nationality: ['Kewarganegaraan (kode negara)', 'Nationality (country code)'],
    refer: ['Rujuk ke unit lain', 'Refer to another unit'],
    toUnit: ['Unit tujuan', 'To unit'],
    dueBy: ['Batas jawab', 'Answer by'],
    legalBasis: ['Dasar hukum berbagi tanpa persetujuan', 'Legal basis for sharing without consent'],
    noneLegalBasis: ['— ada persetujuan korban —', '— the victim consented —'],
    justification: ['Alasan', 'Justification'],
    handoffTo: ['Alihkan tanggung jawab ke unit lain', 'Hand the lead to another unit'],
    reason: ['Alasan', 'Reason'],
    send: ['Kirim', 'Send'],
    saved: ['Tersimpan.', 'Saved.'],
    notFound: ['Kasus tidak ditemukan', 'Case not found'],
    notFoundDetail: [
      'Kasus ini tidak ada, atau unit Anda tidak terlibat di dalamnya. Minta unit penanggung jawab merujuk kasus ke unit Anda bila perlu.',
      'This case does not exist, or your unit takes no part in it. Ask the lead unit to refer the case to you if you need it.',
    ],
  },
  oversight: {
    title: ['Kasus di wilayah pengawasan Anda', 'Cases in your oversight region'],
    province: ['Provinsi', 'Province'],
    regency: ['Kabupaten/kota', 'Regency/city'],
    year: ['Tahun dibuka', 'Year opened'],
    leadType: ['Jenis unit penanggung jawab', 'Lead unit type'],
    status: ['Status', 'Status'],
    breached: ['Tenggat terlewat', 'Deadline missed'],
    all: ['Semua', 'All'],
    yes: ['Ya', 'Yes'],
    no: ['Tidak', 'No'],
    apply: ['Tampilkan', 'Show'],
    empty: ['Tidak ada kasus yang cocok dengan saringan ini.', 'No case matches these filters.'],
    found: [(n: number) => `${n} kasus`, (n: number) => `${n} cases`],
  },
  stats: {
    title: ['Statistik', 'Statistics'],
    byProvinceYear: ['Korban menurut provinsi dan tahun', 'Victims by province and year'],
    interceptions: ['Pencegahan keberangkatan menurut jalur dan provinsi', 'Departures stopped by route and province'],
    nttRank: ['Peringkat Nusa Tenggara Timur', 'East Nusa Tenggara’s rank'],
    nttRankText: [
      (rank: number | null, of: number) => (rank === null ? 'NTT belum dapat diperingkat: angkanya dirahasiakan karena kurang dari 11 orang.' : `NTT peringkat ${rank} dari ${of} provinsi menurut jumlah korban.`),
      (rank: number | null, of: number) => (rank === null ? 'NTT cannot be ranked: its figure is withheld because it is under 11 people.' : `NTT ranks ${rank} of ${of} provinces by victims.`),
    ],
    suppressed: ['dirahasiakan', 'withheld'],
    suppressedNote: [
      (n: number) => `Sel dengan kurang dari ${n} orang dirahasiakan (bukan nol) agar tidak ada orang yang dapat dikenali.`,
      (n: number) => `Cells under ${n} people are withheld (not zero) so that nobody can be singled out.`,
    ],
    csv: ['Unduh CSV', 'Download CSV'],
    people: ['Orang', 'People'],
    empty: ['Belum ada data.', 'No data yet.'],
  },
  state: {
    loading: ['Memuat…', 'Loading…'],
    offline: ['Tidak tersambung ke server. Periksa jaringan; data yang tampil mungkin sudah lama.', 'Not connected to the server. Check the network; what you see may be out of date.'],
    retry: ['Coba lagi', 'Try again'],
  },
  open: ['Terbuka', 'Open'],
  closed: ['Ditutup', 'Closed'],
} as const satisfies Table;

type InOneLanguage<T> = { readonly [K in keyof T]: T[K] extends readonly [infer W, unknown] ? (W extends string ? string : W) : InOneLanguage<T[K]> };
export type Words = InOneLanguage<typeof WORDS>;

const isPair = (entry: Pair | Table): entry is Pair => Array.isArray(entry);
const inLanguage = <T extends Table>(table: T, place: 0 | 1): InOneLanguage<T> =>
  Object.fromEntries(Object.entries(table).map(([key, entry]) => [key, isPair(entry) ? entry[place] : inLanguage(entry, place)])) as InOneLanguage<T>;

/** Where each language's word stands in an entry, here and in CODES. */
const PLACE: Record<Lang, 0 | 1> = { id: 0, en: 1 };
const IN_LANGUAGE: Record<Lang, Words> = { id: inLanguage(WORDS, PLACE.id), en: inLanguage(WORDS, PLACE.en) };

const KEY = 'tppo.lang';
let current: Lang = (sessionStorage.getItem(KEY) as Lang | null) ?? 'id';
export const lang = (): Lang => current;
export const setLang = (next: Lang): void => {
  current = next;
  sessionStorage.setItem(KEY, next);
  document.documentElement.lang = next;
};
export const t = (): Words => IN_LANGUAGE[current];

/**
 * Codes of the API in words: Indonesian, then English. A code without its English word yet, or one
 * not here at all, is shown as it is, tidied.
 */
const CODES: Readonly<Record<string, readonly [id: string, en?: string]>> = {
  REFERRAL: ['Rujukan', 'Referral'], LEAD_HANDOFF: ['Alih kelola', 'Lead handoff'], ROUTINE: ['Biasa', 'Routine'], URGENT: ['Mendesak', 'Urgent'], EMERGENCY: ['Darurat', 'Emergency'],
  CASE_MANAGEMENT: ['Manajemen kasus', 'Case management'], MEDICAL_CARE: ['Perawatan medis', 'Medical care'], PSYCHOSOCIAL_SUPPORT: ['Dukungan psikososial', 'Psychosocial support'], SHELTER: ['Rumah aman', 'Shelter'],
  INVESTIGATION: ['Penyidikan', 'Investigation'], PROSECUTION: ['Penuntutan', 'Prosecution'], LEGAL_AID: ['Bantuan hukum', 'Legal aid'], REPATRIATION: ['Pemulangan', 'Repatriation'],
  SERVICE: ['Layanan (7 hari)', 'Service (7 days)'], SPDP: ['SPDP (7 hari)', 'SPDP notice (7 days)'], CASE_FILE_REVIEW: ['Penelitian berkas (14 hari)', 'Case-file review (14 days)'], RESUBMISSION: ['Pengembalian berkas P-19 (14 hari)', 'P-19 resubmission (14 days)'], RESTITUTION: ['Restitusi (14 hari)', 'Restitution (14 days)'],
  POLICE: ['Kepolisian', 'Police'], PROSECUTOR: ['Kejaksaan', 'Prosecutor'], COURT: ['Pengadilan', 'Court'], SERVICE_UNIT: ['UPTD PPA', 'Service unit (UPTD PPA)'], SOCIAL_SERVICES: ['Dinas Sosial', 'Social services'], HEALTH: ['Kesehatan', 'Health'],
  LPSK: ['LPSK', 'LPSK'], MIGRANT_PROTECTION: ['Pelindungan PMI', 'Migrant protection'], FOREIGN_AFFAIRS: ['Perwakilan RI', 'Embassy'], IMMIGRATION: ['Imigrasi', 'Immigration'], NGO: ['LSM', 'NGO'], TASK_FORCE: ['Gugus Tugas', 'Task force'], MINISTRY: ['Kementerian', 'Ministry'],
  FEMALE: ['Perempuan', 'Female'], MALE: ['Laki-laki', 'Male'], UNKNOWN: ['Tidak diketahui', 'Unknown'],
  REPORT: ['Laporan'], OUTREACH: ['Penjangkauan'], INTERCEPTION: ['Pencegahan keberangkatan'], ARRIVAL: ['Kedatangan/pemulangan'], REFERRAL_FROM_ABROAD: ['Rujukan dari luar negeri'],
  FORCED_LABOUR: ['Kerja paksa'], DOMESTIC_SERVITUDE: ['Perbudakan rumah tangga'], SEXUAL_EXPLOITATION: ['Eksploitasi seksual'],
  NON_PROCEDURAL_MIGRANT_WORKER: ['PMI nonprosedural'], FAKE_JOB_OFFER: ['Tawaran kerja palsu'], ONLINE_RECRUITMENT: ['Perekrutan daring'], DEBT_BONDAGE: ['Jeratan utang'],
  CRIMINAL_INVESTIGATION: ['Penyidikan pidana', 'Criminal investigation'], CHILD_PROTECTION_EMERGENCY: ['Darurat perlindungan anak', 'Child protection emergency'], VITAL_INTEREST: ['Kepentingan vital', 'Vital interest'],
  pending: ['menunggu'], accepted: ['diterima'], declined: ['ditolak'], completed: ['selesai'], withdrawn: ['ditarik'],
  none: ['belum ada'], investigating: ['penyidikan'], file_under_review: ['berkas diteliti', 'case file under review'], file_returned: ['berkas dikembalikan (P-19)', 'case file returned (P-19)'], file_complete: ['berkas lengkap (P-21)', 'case file complete (P-21)'], handed_over: ['tahap II', 'handed over'], indicted: ['didakwa'], verdict: ['putusan'], terminated: ['dihentikan (SP3)', 'terminated (SP3)'],
  CaseOpened: ['Kasus dibuka'], VictimRegistered: ['Korban dicatat'], VictimStatusDetermined: ['Status korban ditetapkan'], GuardianAppointed: ['Wali ditunjuk'],
  ConsentRecorded: ['Persetujuan dicatat'], ConsentWithdrawn: ['Persetujuan ditarik'], RiskAssessed: ['Risiko dinilai'], ReferralSent: ['Rujukan dikirim'],
  ReferralAccepted: ['Rujukan diterima'], ReferralDeclined: ['Rujukan ditolak'], ReferralCompleted: ['Rujukan selesai'], ReferralWithdrawn: ['Rujukan ditarik'],
  ConsentOverrideRecorded: ['Berbagi tanpa persetujuan (dasar hukum)'], LeadHandoffProposed: ['Alih kelola diusulkan'], LeadHandoffAccepted: ['Alih kelola diterima'],
  LeadHandoffDeclined: ['Alih kelola ditolak'], PhysicalCustodyTransferred: ['Serah terima korban'], ServiceRequested: ['Layanan diminta'], ServiceDelivered: ['Layanan diberikan'],
  ShelterPlacementStarted: ['Masuk rumah aman'], ShelterPlacementEnded: ['Keluar rumah aman'], PoliceReportRegistered: ['Laporan polisi'], InvestigationOpened: ['Penyidikan dimulai'],
  InvestigationNoticeSent: ['SPDP dikirim'], CaseFileSubmitted: ['Berkas tahap I'], CaseFileReturned: ['Berkas dikembalikan (P-19)'], CaseFileResubmitted: ['Berkas dikirim ulang'],
  CaseFileDeclaredComplete: ['Berkas lengkap (P-21)'], VerdictIssued: ['Putusan'], CaseClosed: ['Kasus ditutup'], CaseReopened: ['Kasus dibuka kembali'],
};

const tidy = (code: string): string => code.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
export const word = (code: string | undefined): string => (code === undefined ? '' : (CODES[code]?.[PLACE[current]] ?? tidy(code)));
