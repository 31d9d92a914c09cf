import type { StatutoryClock } from '@tppo/read-models';
import { lateEntryOf } from '../read/views/late-entry';
import type { EvidenceBundle } from './evidence.controller';

export const REPORT_FORMAT = 'tppo-undue-delay-report/1';

/** What each statutory clock is, in the words of the case file (Bahasa Indonesia, then English). */
export const STAGE_WORDS: Readonly<Record<StatutoryClock['kind'], { readonly id: string; readonly en: string }>> = {
  SERVICE: { id: 'Layanan bagi korban (rehabilitasi)', en: 'Service to the victim (rehabilitation)' },
  SPDP: { id: 'Pemberitahuan dimulainya penyidikan (SPDP)', en: 'Notice of investigation (SPDP)' },
  CASE_FILE_REVIEW: { id: 'Penelitian berkas perkara oleh jaksa', en: "Prosecutor's review of the case file" },
  RESUBMISSION: { id: 'Pengiriman kembali berkas setelah P-19', en: 'Return of the completed case file after a P-19' },
  RESTITUTION: { id: 'Pembayaran restitusi', en: 'Payment of restitution' },
};

export interface ReportStage {
  readonly clockId: string;
  readonly kind: StatutoryClock['kind'];
  readonly stage: string;
  readonly stageEn: string;
  readonly responsibleUnitId: string;
  readonly responsibleUnitName: string;
  readonly status: StatutoryClock['status'];
  readonly ruleSet?: string;
  readonly legalBasis?: string;
  readonly startedAt?: string;
  readonly dueAt?: string;
  readonly stoppedAt?: string;
  readonly outcome?: string;
  readonly overdue: boolean;
  readonly daysOverdue: number;
  readonly startRecordedAt?: string;
  readonly stopRecordedAt?: string;
}

export interface UndueDelayReport {
  readonly format: typeof REPORT_FORMAT;
  readonly caseId: string;
  readonly generatedAt: string;
  readonly audience: EvidenceBundle['audience'];
  /** The name of the unit the report was made for. */
  readonly preparedFor: string;
  /** For an oversight body: why it sees this case. */
  readonly jurisdiction?: EvidenceBundle['jurisdiction'];
  readonly summary: { readonly clocks: number; readonly breached: number; readonly mostDaysOverdue: number };
  readonly stages: ReportStage[];
  /** The bundle the stages were computed from: the report verifies offline with it. */
  readonly evidence: EvidenceBundle;
  readonly howToVerify: string;
}

/** A clock's breach: stopped late, defaulted, or running past its due date at the report's moment. */
export const breached = (clock: { readonly outcome?: string; readonly overdue: boolean }): boolean => clock.outcome === 'LATE' || clock.outcome === 'DEFAULTED' || clock.overdue;

/** The undue-delay report of a case: every statutory clock of the evidence bundle, who had to act, and how late. */
export const undueDelayReport = (evidence: EvidenceBundle, unitName: (unitId: string) => string): UndueDelayReport => {
  const stages = evidence.clocks.map(
    (clock): ReportStage => ({
      clockId: clock.clockId,
      kind: clock.kind as StatutoryClock['kind'],
      stage: STAGE_WORDS[clock.kind as StatutoryClock['kind']].id,
      stageEn: STAGE_WORDS[clock.kind as StatutoryClock['kind']].en,
      responsibleUnitId: clock.responsibleUnitId,
      responsibleUnitName: unitName(clock.responsibleUnitId),
      status: clock.status as StatutoryClock['status'],
      ...(clock.ruleSet !== undefined ? { ruleSet: clock.ruleSet } : {}),
      ...(clock.legalBasis !== undefined ? { legalBasis: clock.legalBasis } : {}),
      ...(clock.startedAt !== undefined ? { startedAt: clock.startedAt } : {}),
      ...(clock.dueAt !== undefined ? { dueAt: clock.dueAt } : {}),
      ...(clock.stoppedAt !== undefined ? { stoppedAt: clock.stoppedAt } : {}),
      ...(clock.outcome !== undefined ? { outcome: clock.outcome } : {}),
      overdue: clock.overdue,
      daysOverdue: clock.daysOverdue,
      ...(clock.startRecordedAt !== undefined ? { startRecordedAt: clock.startRecordedAt } : {}),
      ...(clock.stopRecordedAt !== undefined ? { stopRecordedAt: clock.stopRecordedAt } : {}),
    }),
  );
  return {
    format: REPORT_FORMAT,
    caseId: evidence.caseId,
    generatedAt: evidence.generatedAt,
    audience: evidence.audience,
    preparedFor: unitName(evidence.audience.unitId),
    ...(evidence.jurisdiction ? { jurisdiction: evidence.jurisdiction } : {}),
    summary: { clocks: stages.length, breached: stages.filter(breached).length, mostDaysOverdue: Math.max(0, ...stages.map((stage) => stage.daysOverdue)) },
    stages,
    evidence,
    howToVerify: `Save this report as a file and run: npm run -s verify-evidence -- <file> --key "<the log's verifier key, obtained apart from this report>". It checks the signed checkpoint, every event's proof and the chain, recomputes every clock from the signed events, and checks each stage of the report against them.`,
  };
};

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A time as the case file writes it, in WIB (UTC+7): "24-11-2026 13.39 WIB". */
const wib = (iso: string | undefined): string => {
  if (iso === undefined) return '—';
  const t = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${t.slice(8, 10)}-${t.slice(5, 7)}-${t.slice(0, 4)} ${t.slice(11, 13)}.${t.slice(14, 16)} WIB`;
};

/** Why an oversight body sees the case, as the report states it. */
const GROUND_WORDS: Readonly<Record<string, string>> = {
  NATIONAL: 'pengawasan nasional',
  CASE_REGION: 'kasus dibuka di wilayah Anda',
  LEAD_UNIT_REGION: 'unit penanggung jawab berada di wilayah Anda',
  VICTIM_ORIGIN: 'korban berasal dari wilayah Anda',
};

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  MET: 'Tepat waktu',
  LATE: 'Terlambat',
  DEFAULTED: 'Tidak dibayar',
  CANCELLED: 'Gugur (penyidikan dihentikan)',
};

const outcomeWords = (stage: ReportStage): string => {
  if (stage.outcome !== undefined) return OUTCOME_WORDS[stage.outcome] ?? stage.outcome;
  if (stage.status === 'WAITING') return 'Belum dimulai';
  return stage.overdue ? 'Masih berjalan, lewat tenggat' : 'Masih berjalan';
};

/** The note under a time whose act was recorded late, by the same rule as the timeline and the clocks. */
const recordedLater = (at: string | undefined, recordedAt: string | undefined, thresholdHours: number): string => {
  const late = lateEntryOf(at, recordedAt, thresholdHours);
  return late ? `<br><span class="note">dicatat ${late.daysLater} hari kemudian</span>` : '';
};

const STYLE = `body{font:11pt/1.45 "DejaVu Sans",Arial,sans-serif;color:#111;margin:2em auto;max-width:60em;padding:0 1em}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:12.5pt;margin:1.6em 0 .4em}.en{color:#555;font-size:9.5pt}
table{border-collapse:collapse;width:100%;font-size:9.5pt}th,td{border:1px solid #999;padding:.35em .45em;vertical-align:top;text-align:left}
th{background:#eee}.late{color:#a00;font-weight:bold}.note{color:#555;font-size:8.5pt}
pre{white-space:pre-wrap;word-break:break-all;background:#f5f5f5;border:1px solid #ccc;padding:.6em;font-size:8.5pt}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:bold}dd{margin:0}
@media print{body{margin:0;max-width:none}a{color:#111}}`;

/** The report as a printable page: no script, no outside resource, for a court file or a letter. */
export const undueDelayHtml = (report: UndueDelayReport, thresholdHours: number): string => {
  const { evidence } = report;
  const rows = report.stages
    .map((stage) => {
      const late = breached(stage);
      return `<tr>
<td>${escape(stage.stage)}<br><span class="en">${escape(stage.stageEn)}</span></td>
<td>${escape(stage.responsibleUnitName)}<br><span class="note">${escape(stage.responsibleUnitId)}</span></td>
<td>${escape(stage.legalBasis ?? '—')}${stage.ruleSet ? `<br><span class="note">${escape(stage.ruleSet)}</span>` : ''}</td>
<td>${wib(stage.startedAt)}${recordedLater(stage.startedAt, stage.startRecordedAt, thresholdHours)}</td>
<td>${wib(stage.dueAt)}</td>
<td>${wib(stage.stoppedAt)}${recordedLater(stage.stoppedAt, stage.stopRecordedAt, thresholdHours)}</td>
<td${late ? ' class="late"' : ''}>${escape(outcomeWords(stage))}</td>
<td${late ? ' class="late"' : ''}>${stage.daysOverdue}</td>
</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Laporan keterlambatan tahapan — kasus ${escape(report.caseId)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Laporan keterlambatan tahapan perkara</h1>
<p class="en">Undue-delay report: each statutory deadline of the case, who had to act, and how late.</p>
<dl>
<dt>Kasus</dt><dd>${escape(report.caseId)}</dd>
<dt>Keadaan per</dt><dd>${wib(report.generatedAt)}</dd>
<dt>Dibuat untuk</dt><dd>${escape(report.preparedFor)} <span class="note">(${escape(report.audience.unitId)})</span></dd>
${
  report.jurisdiction
    ? `<dt>Dasar pengawasan</dt><dd data-grounds="${escape(report.jurisdiction.grounds.join(' '))}">${report.jurisdiction.grounds.map((ground) => escape(GROUND_WORDS[ground] ?? ground)).join('; ')}</dd>`
    : ''
}
<dt>Ringkasan</dt><dd>${report.summary.clocks} tenggat, ${report.summary.breached} terlewat${report.summary.mostDaysOverdue > 0 ? `, paling lama ${report.summary.mostDaysOverdue} hari` : ''}</dd>
</dl>
<h2>Tenggat menurut undang-undang <span class="en">Statutory deadlines</span></h2>
${
  report.stages.length === 0
    ? '<p>Belum ada tenggat yang berjalan dalam kasus ini.</p>'
    : `<table>
<thead><tr><th scope="col">Tahap</th><th scope="col">Yang wajib bertindak</th><th scope="col">Dasar hukum</th><th scope="col">Mulai</th><th scope="col">Tenggat</th><th scope="col">Dihentikan</th><th scope="col">Hasil</th><th scope="col">Hari terlewat</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
<p class="note">Hari terlewat dibulatkan ke atas: satu jam lewat tenggat dihitung satu hari. Waktu tahap adalah waktu tindakan itu sendiri; bila dicatat belakangan, tanggal pencatatannya disebut.</p>
<h2>Bukti <span class="en">Evidence</span></h2>
<p>Setiap tenggat di atas dihitung dari ${evidence.events.length} kejadian kasus yang tercatat di log transparansi, dalam checkpoint bertanda tangan berukuran ${evidence.checkpoint.size} kejadian (akar ${escape(evidence.checkpoint.rootHash)}).</p>
<pre>${escape(evidence.checkpoint.note)}</pre>
<p>Cara memeriksa tanpa mempercayai server: simpan versi JSON laporan ini (alamat yang sama tanpa <code>/print</code>), lalu jalankan</p>
<pre>npm run -s verify-evidence -- laporan.json --key "${escape(evidence.log.verifierKey)}"</pre>
<p class="note">Cocokkan kunci itu dengan kunci yang diumumkan kementerian, bukan dengan kunci dari server ini. Pemeriksa mengecek tanda tangan checkpoint, bukti setiap kejadian dan rantainya, lalu menghitung ulang setiap tenggat dari kejadian bertanda tangan dan membandingkannya dengan laporan.</p>
</body>
</html>
`;
};
