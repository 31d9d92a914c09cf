/**
 * Seeds one realistic case through the running API for .ci/schemathesis.sh, so the fuzzer reaches
 * a real case's routes instead of only 404s for random ids. Prints the ids the fuzzer's hook puts
 * into paths (.ci/schemathesis_hooks.py), as one JSON object on stdout.
 *
 *   FUZZ_BASE=http://127.0.0.1:3000 POLICE_TOKEN=... UPTD_TOKEN=... npx tsx .ci/seed-fuzz-case.ts
 */
import { randomUUID } from 'node:crypto';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const base = need('FUZZ_BASE');
const police = need('POLICE_TOKEN');
const uptd = need('UPTD_TOKEN');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const post = async (token: string, path: string, body: object): Promise<{ id: string; resourceId?: string }> => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { id: string; resourceId?: string };
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
};

const main = async (): Promise<void> => {
  // An adult victim who consents to sharing: the police lead, the UPTD PPA takes part by referral,
  // the prosecutor by the investigation notice, and LPSK has a request to decide.
  const caseId = (await post(police, '/cases', { regionCode: '65.03', source: 'REPORT', exploitationTypes: ['FORCED_LABOUR'], modusCodes: ['DEBT_BONDAGE'] })).id;
  const onCase = (path: string) => `/cases/${caseId}/${path}`;
  const subjectRef = (await post(police, onCase('victims'), { identity: { fullName: 'Rina Wati' }, sex: 'FEMALE', nationality: 'ID', birthDate: '1998-07-12' })).resourceId!;
  const consentId = (
    await post(police, onCase('consents'), {
      subjectRef,
      givenBy: 'VICTIM',
      recipientAgencyTypes: ['POLICE', 'SERVICE_UNIT', 'PROSECUTOR', 'LPSK'],
      recipientUnitIds: [],
      purposes: ['CASE_MANAGEMENT', 'INVESTIGATION', 'PROSECUTION', 'WITNESS_PROTECTION'],
      dataCategories: ['CASE_FACTS', 'IDENTITY'],
    })
  ).resourceId!;
  const referralId = (await post(police, onCase('referrals'), { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: inDays(7) })).resourceId!;
  await post(uptd, onCase(`referrals/${referralId}/acceptance`), {});
  await post(police, onCase('police-report'), { reportNumber: 'LP/B/1/2026', reportKind: 'MODEL_B', reportedOn: '2026-02-09' });
  await post(police, onCase('investigation'), { warrantNumber: 'Sprin.Sidik/1/2026' });
  await post(police, onCase('investigation/notice'), { noticeNumber: 'SPDP/1/2026', prosecutorUnitId: 'kejari-nunukan', victimNotified: true });
  const requestId = (await post(police, onCase('lpsk-requests'), { subjectRef, toUnitId: 'lpsk-ri', measures: ['SAFE_HOUSE'] })).resourceId!;
  process.stdout.write(`${JSON.stringify({ caseId, subjectRef, consentId, referralId, requestId })}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`seed-fuzz-case: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
