/**
 * What a subject access request answers (Law 27/2022 on personal data protection): the person's
 * identity, the events of the case that name them, and who accessed their identity, when and why.
 * Plain data, built by the controller; the printable page is made from it alone.
 */
export interface SubjectAccessExport {
  readonly caseId: string;
  readonly subjectRef: string;
  readonly role: string;
  readonly exportedAt: string;
  readonly purpose: string;
  readonly exportedBy: UnitRef;
  readonly identity: Readonly<Record<string, unknown>>;
  readonly events: readonly SubjectEvent[];
  readonly identityAccess: readonly IdentityAccess[];
}

export interface UnitRef {
  readonly unitId: string;
  readonly unitName: string;
  readonly agencyType: string;
}

/** An event of the case that names the person: pseudonymous, its type, time and unit only. */
export interface SubjectEvent {
  readonly eventId: string;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly by: UnitRef;
  /** The fields of the event that hold the person's ref (subjectRef, victimRef, guardianRef). */
  readonly namedAs: readonly string[];
}

/** One attempt to read the person's identity, from the access log. */
export interface IdentityAccess {
  readonly at: string;
  readonly by: UnitRef;
  readonly purpose: string;
  readonly outcome: string;
}

/** The event fields that hold a person's ref: the events a subject access request reports. */
export const SUBJECT_REF_FIELDS = ['subjectRef', 'victimRef', 'guardianRef'] as const;

/** The fields of `data` that name `subjectRef`. */
export const fieldsNaming = (data: Readonly<Record<string, unknown>>, subjectRef: string): string[] => SUBJECT_REF_FIELDS.filter((field) => data[field] === subjectRef);

const IDENTITY_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  fullName: ['Nama lengkap', 'Full name'],
  otherNames: ['Nama lain', 'Other names'],
  nik: ['NIK', 'National identity number'],
  passportNumber: ['Nomor paspor', 'Passport number'],
  address: ['Alamat', 'Address'],
  phone: ['Nomor telepon', 'Phone number'],
};

const ROLE_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  VICTIM: ['Korban', 'Victim'],
  GUARDIAN: ['Wali', 'Guardian'],
  WITNESS: ['Saksi', 'Witness'],
  SUSPECT: ['Tersangka', 'Suspect'],
};

const OUTCOME_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  GRANTED: ['Diberikan', 'Granted'],
  DENIED: ['Ditolak', 'Denied'],
  ERASED: ['Sudah dihapus', 'Erased'],
  NOT_FOUND: ['Tidak ditemukan', 'Not found'],
};

/** Who asked for the copy: the person, a child's parent or guardian, or a lawyer acting for the person. */
export const SUBJECT_ACCESS_PURPOSES = ['SUBJECT_REQUEST', 'GUARDIAN_REQUEST', 'LEGAL_REPRESENTATIVE_REQUEST'] as const;

const PURPOSE_LABELS: Readonly<Record<(typeof SUBJECT_ACCESS_PURPOSES)[number], readonly [string, string]>> = {
  SUBJECT_REQUEST: ['Permintaan subjek data sendiri', "The data subject's own request"],
  GUARDIAN_REQUEST: ['Permintaan orang tua atau wali anak', "A child's parent or guardian's request"],
  LEGAL_REPRESENTATIVE_REQUEST: ['Permintaan kuasa hukum subjek data', "The data subject's legal representative's request"],
};

/** How an export is written in the access log's purpose, so that it reads apart from an identity read. */
export const EXPORT_PURPOSE_PREFIX = 'SUBJECT_ACCESS_EXPORT:';

const html = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Indonesian first, the English beneath it in grey. */
const bilingual = ([id, en]: readonly [string, string]): string => `${html(id)} <span class="en">${html(en)}</span>`;

const labelled = (labels: Readonly<Record<string, readonly [string, string] | undefined>>, code: string): string => {
  const words = labels[code];
  return words ? bilingual(words) : html(code);
};

// Every time on the page in one zone, as the undue-delay report writes them, and the page says which.
const WIB = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: '2-digit', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const when = (iso: string): string => `${WIB.format(new Date(iso))} WIB`;

/** A logged purpose: an export in words, an identity read by its code (the sharing purposes). */
const loggedPurpose = (purpose: string): string =>
  purpose.startsWith(EXPORT_PURPOSE_PREFIX) ? `${bilingual(['Ekspor data subjek', 'Subject access export'])}<br>${labelled(PURPOSE_LABELS, purpose.slice(EXPORT_PURPOSE_PREFIX.length))}` : html(purpose);

/** A late entry says when it was written down; the same minute says nothing. */
const recordedLater = (e: SubjectEvent): string => (when(e.recordedAt) === when(e.occurredAt) ? '' : `<br><span class="note">dicatat ${when(e.recordedAt)} <span class="en">recorded</span></span>`);

const unitCell = (unit: UnitRef): string => `${html(unit.unitName)}<br><span class="note">${html(unit.unitId)} · ${html(unit.agencyType)}</span>`;

const valueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

const STYLE = `body{font:11pt/1.5 "DejaVu Sans",Arial,sans-serif;color:#111;margin:2em auto;max-width:58em;padding:0 1em}
h1{font-size:16pt;margin:0 0 .2em}h2{font-size:12.5pt;margin:1.6em 0 .4em;border-bottom:1px solid #999}
.en{color:#555;font-size:9pt;font-weight:normal}.note{color:#555;font-size:8.5pt}
table{border-collapse:collapse;width:100%;font-size:9.5pt}th,td{border:1px solid #999;padding:.35em .45em;vertical-align:top;text-align:left}th{background:#eee}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1.2em}dt{font-weight:bold}dd{margin:0}
.confidential{border:2px solid #a00;color:#a00;padding:.4em .6em;font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}thead{display:table-header-group}}`;

const table = (headers: readonly (readonly [string, string])[], rows: readonly string[], empty: readonly [string, string]): string =>
  rows.length === 0
    ? `<p>${bilingual(empty)}</p>`
    : `<table>
<thead><tr>${headers.map((h) => `<th scope="col">${bilingual(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;

/** The export as a printable page: no script, no outside resource, to hand to the person or file. */
export const subjectAccessHtml = (doc: SubjectAccessExport): string => {
  const identityRows = Object.entries(doc.identity).map(([field, value]) => `<dt>${labelled(IDENTITY_LABELS, field)}</dt><dd>${html(valueText(value))}</dd>`);
  const eventRows = doc.events.map(
    (e) => `<tr><td>${html(e.type)}<br><span class="note">${html(e.namedAs.join(', '))}</span></td><td>${when(e.occurredAt)}${recordedLater(e)}</td><td>${unitCell(e.by)}</td></tr>`,
  );
  const accessRows = doc.identityAccess.map(
    (a) => `<tr><td>${when(a.at)}</td><td>${unitCell(a.by)}</td><td>${loggedPurpose(a.purpose)}</td><td>${labelled(OUTCOME_LABELS, a.outcome)}</td></tr>`,
  );
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Salinan data pribadi — ${html(doc.subjectRef)} — kasus ${html(doc.caseId)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Salinan data pribadi subjek data</h1>
<p class="en">Copy of a data subject's personal data (subject access request, Law 27/2022)</p>
<p class="confidential">RAHASIA: memuat data pribadi. Serahkan hanya kepada subjek data atau yang berhak mewakilinya. <span class="en">Confidential: contains personal data. Hand it only to the data subject or to whoever may act for them.</span></p>
<dl>
<dt>${bilingual(['Rujukan subjek', 'Subject ref'])}</dt><dd>${html(doc.subjectRef)}</dd>
<dt>${bilingual(['Peran dalam kasus', 'Role in the case'])}</dt><dd>${labelled(ROLE_LABELS, doc.role)}</dd>
<dt>${bilingual(['Kasus', 'Case'])}</dt><dd>${html(doc.caseId)}</dd>
<dt>${bilingual(['Tanggal ekspor', 'Date of export'])}</dt><dd>${when(doc.exportedAt)}</dd>
<dt>${bilingual(['Tujuan', 'Purpose'])}</dt><dd>${labelled(PURPOSE_LABELS, doc.purpose)}</dd>
<dt>${bilingual(['Diekspor oleh', 'Exported by'])}</dt><dd>${unitCell(doc.exportedBy)}</dd>
</dl>
<h2>${bilingual(['Identitas', 'Identity'])}</h2>
<dl>
${identityRows.join('\n')}
</dl>
<h2>${bilingual(['Kejadian yang menyebut subjek', 'Events that name the subject'])}</h2>
${table([['Jenis', 'Type'], ['Waktu', 'When'], ['Oleh unit', 'By unit']], eventRows, ['Tidak ada kejadian.', 'No events.'])}
<h2>${bilingual(['Akses ke identitas', 'Reads of the identity'])}</h2>
<p class="note">Setiap permintaan untuk membuka identitas, termasuk ekspor ini, dari log akses. Each request to open the identity, this export included, from the access log.</p>
${table([['Waktu', 'When'], ['Unit', 'Unit'], ['Tujuan', 'Purpose'], ['Hasil', 'Outcome']], accessRows, ['Belum pernah dibaca.', 'Never read.'])}
</body>
</html>
`;
};
