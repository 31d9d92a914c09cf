import { lang } from './i18n';

/** An answer of the API that is not a success: RFC 9457 problem details, or no answer at all. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${status} ${code}`);
  }
}

type Sentence = { id: string; en: string };

/** Rule codes (409, some 403) a case worker meets, as what to do about them. */
const RULES: Record<string, Sentence> = {
  CONSENT_REQUIRED: {
    id: 'Belum ada persetujuan korban untuk berbagi dengan unit ini. Catat persetujuannya dulu, atau pilih dasar hukum yang membolehkan berbagi tanpa persetujuan.',
    en: 'There is no consent from the victim to share with this unit. Record the consent first, or choose the legal basis that allows sharing without it.',
  },
  NOT_LEAD_UNIT: { id: 'Hanya unit penanggung jawab kasus yang dapat melakukan ini.', en: 'Only the unit leading the case can do this.' },
  NOT_A_PARTICIPANT: { id: 'Unit Anda tidak terlibat dalam kasus ini.', en: 'Your unit takes no part in this case.' },
  NOT_ADDRESSED_UNIT: { id: 'Ini tidak ditujukan kepada unit Anda.', en: 'This was not addressed to your unit.' },
  NOT_SENDING_UNIT: { id: 'Hanya unit pengirim yang dapat melakukan ini.', en: 'Only the unit that sent it can do this.' },
  SELF_ADDRESSED: { id: 'Unit Anda tidak dapat merujuk ke dirinya sendiri.', en: 'Your unit cannot refer to itself.' },
  RECIPIENT_CANNOT_PARTICIPATE: { id: 'Unit itu tidak dapat ikut menangani kasus (unit pengawasan).', en: 'That unit cannot take part in cases (an oversight body).' },
  DUE_DATE_IN_PAST: { id: 'Batas waktu harus di masa depan.', en: 'The due date must be in the future.' },
  BIRTH_DATE_IN_FUTURE: { id: 'Tanggal lahir tidak boleh di masa depan.', en: 'The date of birth cannot be in the future.' },
  CONSENT_NOT_IN_FORCE: { id: 'Persetujuan itu sudah tidak berlaku.', en: 'That consent is no longer in force.' },
  CHILD_CONSENT_REQUIRES_GUARDIAN: { id: 'Persetujuan untuk anak harus diberikan oleh walinya.', en: 'Consent for a child must be given by the guardian.' },
  CASE_CLOSED: { id: 'Kasus sudah ditutup. Buka kembali kasus bila perlu bertindak.', en: 'The case is closed. Reopen it to act on it.' },
  REFERRAL_NOT_PENDING: { id: 'Rujukan ini sudah dijawab atau ditarik.', en: 'This referral has already been answered or withdrawn.' },
  HANDOFF_NOT_PENDING: { id: 'Alih kelola ini sudah dijawab.', en: 'This lead handoff has already been answered.' },
  HANDOFF_PENDING: { id: 'Masih ada alih kelola yang menunggu jawaban.', en: 'A lead handoff is still waiting for an answer.' },
  DUPLICATE_REFERRAL: { id: 'Unit ini sudah dirujuk untuk keperluan yang sama.', en: 'This unit was already referred for the same purpose.' },
  AGENCY_NOT_PERMITTED: { id: 'Jenis instansi Anda tidak berwenang melakukan ini.', en: 'Your type of agency may not do this.' },
  UNKNOWN_UNIT: { id: 'Unit itu tidak ada dalam daftar unit.', en: 'That unit is not in the registry.' },
};

const BY_STATUS: Record<number, Sentence> = {
  400: { id: 'Ada isian yang belum benar. Periksa kembali formulir.', en: 'Something in the form is not right. Please check it.' },
  401: { id: 'Sesi Anda berakhir. Silakan masuk lagi.', en: 'Your session has ended. Please sign in again.' },
  403: { id: 'Unit Anda tidak berwenang melakukan ini.', en: 'Your unit is not allowed to do this.' },
  404: { id: 'Tidak ditemukan, atau unit Anda tidak terlibat di dalamnya.', en: 'Not found, or your unit takes no part in it.' },
  409: { id: 'Aturan kasus tidak membolehkan ini sekarang.', en: 'The rules of the case do not allow this now.' },
  412: {
    id: 'Kasus baru saja diubah oleh unit lain. Isian Anda tetap ada: muat ulang kasus, periksa perubahannya, lalu kirim lagi.',
    en: 'Another unit changed the case just now. Your input is kept: reload the case, check the change, then send again.',
  },
  413: { id: 'Isian terlalu panjang.', en: 'The input is too long.' },
  422: { id: 'Permintaan ini sudah pernah dikirim dengan isi lain.', en: 'This request was already sent with other content.' },
  429: { id: 'Terlalu banyak permintaan dalam waktu singkat.', en: 'Too many requests in a short time.' },
  503: { id: 'Server sedang tidak dapat melayani. Coba lagi sebentar lagi.', en: 'The server cannot answer right now. Try again shortly.' },
  0: { id: 'Tidak tersambung ke server. Periksa jaringan, lalu coba lagi; isian Anda tetap ada.', en: 'Not connected to the server. Check the network and try again; your input is kept.' },
};

/** A problem as one sentence a case worker understands, in the console's language. */
export const explain = (error: unknown): string => {
  const l = lang();
  if (!(error instanceof ApiProblem)) return BY_STATUS[0]![l];
  if (error.status === 429) {
    const wait = error.retryAfterSeconds ?? 60;
    return l === 'id' ? `${BY_STATUS[429]!.id} Tunggu ${wait} detik, lalu coba lagi.` : `${BY_STATUS[429]!.en} Wait ${wait} seconds, then try again.`;
  }
  const rule = RULES[error.code];
  if (rule) return rule[l];
  return (BY_STATUS[error.status] ?? BY_STATUS[error.status >= 500 ? 503 : 400]!)[l];
};
