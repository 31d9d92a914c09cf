import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { UnitRegistry } from '@tppo/access';
import { COMMAND_PERMISSIONS } from '@tppo/case-domain';
import { UNIT_REGISTRY } from '../apps/coordination-api/src/infrastructure/tokens';
import { type ApiHarness, startApi } from './support/api-harness';
import { ADULT, inDays, SAMPLE_BODIES } from './support/sample-bodies';

type Doc = { paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>; components: { schemas: Record<string, object> } };

/**
 * The OpenAPI document says what the validators enforce (issue 7): for bodies that break a rule
 * between fields, or carry a field no schema names, the document and the API give the same verdict.
 * The document's verdict comes from ajv, the API's from a real request (400, or past validation:
 * the case does not exist, 404).
 */
describe('the request schemas of the OpenAPI document', () => {
  let api: ApiHarness;
  let doc: Doc;
  const validators = new Map<string, { path: string; validate: ValidateFunction }>();

  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_MINUTE: '0' });
    doc = (await api.http.get('/docs-json').expect(200)).body as Doc;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    for (const [path, methods] of Object.entries(doc.paths)) {
      const body = methods['post']?.requestBody?.content['application/json']?.schema;
      if (body) validators.set(methods['post']!.operationId, { path, validate: ajv.compile({ $ref: `doc${body.$ref}` }) });
    }
  });
  afterAll(async () => api.close());

  const VICTIM_CONSENT = { subjectRef: 'v-1', givenBy: 'VICTIM', recipientAgencyTypes: ['SERVICE_UNIT'], recipientUnitIds: [], purposes: ['CASE_MANAGEMENT'], dataCategories: ['CASE_FACTS'] };
  const REFERRAL = { toUnitId: 'uptd-ppa-nunukan', purpose: 'CASE_MANAGEMENT', urgency: 'ROUTINE', dueBy: inDays(7) };

  it.each<[string, string, object, boolean]>([
    ['a victim with a birth date', 'RegisterVictim', ADULT, true],
    ['a victim with a birth date and an age band', 'RegisterVictim', { ...ADULT, ageBand: '18-24' }, false],
    ['a victim with neither', 'RegisterVictim', { identity: ADULT.identity, sex: 'FEMALE', nationality: 'ID' }, false],
    ['a consent to nobody', 'RecordConsent', { ...VICTIM_CONSENT, recipientAgencyTypes: [] }, false],
    ['a victim’s own consent naming a guardian', 'RecordConsent', { ...VICTIM_CONSENT, guardianRef: 'g-1' }, false],
    ['a guardian’s consent without the guardian', 'RecordConsent', { ...VICTIM_CONSENT, givenBy: 'GUARDIAN' }, false],
    ['a guardian’s consent', 'RecordConsent', { ...VICTIM_CONSENT, givenBy: 'GUARDIAN', guardianRef: 'g-1' }, true],
    ['restitution claimed without an amount', 'FileIndictment', { indictmentNumber: 'PDM-1/2026', courtUnitId: 'pn-nunukan', restitutionClaimed: true }, false],
    ['restitution claimed with an amount', 'FileIndictment', { indictmentNumber: 'PDM-1/2026', courtUnitId: 'pn-nunukan', restitutionClaimed: true, restitutionAmount: 5_000_000 }, true],
    ['an acquittal with a sentence', 'RecordVerdict', { outcome: 'ACQUITTED', sentenceMonths: 12, notifiedAt: '2026-06-01T03:00:00Z' }, false],
    ['a conviction with a sentence', 'RecordVerdict', { outcome: 'CONVICTED', sentenceMonths: 12, notifiedAt: '2026-06-01T03:00:00Z' }, true],
    ['a grant without measures', 'DecideLpskProtection', { decision: 'GRANTED', measures: [], reason: 'x' }, false],
    ['a refusal with measures', 'DecideLpskProtection', { decision: 'REFUSED', measures: ['SAFE_HOUSE'], reason: 'x' }, false],
    ['a justification without a legal basis', 'SendReferral', { ...REFERRAL, justification: 'urgent' }, false],
    ['a referral to a unit not in the registry', 'SendReferral', { ...REFERRAL, toUnitId: 'polsek-nowhere' }, false],
    ['a correction of a field no event has', 'CorrectEvent', { corrected: { leadUnitId: 'x' }, reason: 'x' }, false],
    ['a field no schema names', 'CloseCase', { ...SAMPLE_BODIES.CloseCase, closedBy: 'me' }, false],
    ['a reason with a control character', 'CloseCase', { outcome: 'OTHER', reason: 'a\u0007b' }, false],
    ['a count that is not whole', 'ReportDepartureInterception', { interceptedOn: '2026-02-07', placeName: 'Tunon Taka', regionCode: '65.03', routeKind: 'SEAPORT', destinationCountry: 'MY', counts: [{ sex: 'FEMALE', ageBand: '18-24', count: 1.5 }], agenciesInvolved: [], linkedCaseIds: [] }, false],
  ])('agrees with the API on %s', async (_name, operationId, body, valid) => {
    const { path, validate } = validators.get(operationId)!;
    const documentSaysValid = validate(body);
    expect({ operationId, documentSaysValid, errors: valid ? validate.errors : null }).toEqual({ operationId, documentSaysValid: valid, errors: null });
    // As a unit that may issue the command: the auth guard answers others 403 before validation.
    const agencyType = COMMAND_PERMISSIONS[operationId as keyof typeof COMMAND_PERMISSIONS][0]!;
    const caller = await api.as(api.app.get<UnitRegistry>(UNIT_REGISTRY).byType(agencyType)[0]!.id);
    const url = path.replace('{caseId}', '0f6bd1a4-3f5e-4a57-9f0b-2c1b9d8e7a61').replace(/\{[A-Za-z]+\}/g, 'x-1');
    const res = await api.http.post(url).set(caller).send(body);
    expect({ operationId, apiRefused: res.status === 400 }).toEqual({ operationId, apiRefused: !valid });
  });
});
