import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type CaseCommand, CASE_EVENT_SPECS, interceptionDecider, type Spec } from '@tppo/case-domain';
import { SEALED_VALUE_MARKER } from '@tppo/eventsourcing';
import * as c from '../../case-domain/src/testing/case-commands.fixtures';
import * as h from '../../case-domain/src/testing/case-histories.fixtures';
import { sampleInterception } from '../../case-domain/src/interception/interception.fixtures';
import { policeNunukan } from '../../case-domain/src/testing/units';
import { eventsOf } from '../../read-models/src/testing/projection-testing';
import { asyncApiDocument, payloadSchemaOf } from './asyncapi';
import { integrationTypeOf, PUBLISHED, type PublishableEvent, toIntegrationMessage } from './contract';

const isCommand = (step: unknown): step is CaseCommand => typeof step === 'object' && step !== null && 'metadata' in step;

/** One history per case command (the decider's own events), and a child victim with a guardian. */
const caseEvents = (): PublishableEvent[] => {
  const histories = [
    ...Object.values(h.SUCCESS_SCENARIOS).map((s) => [...s.given, s.when]),
    [...h.withChildGuardian],
    [...h.investigating, c.registerWitness(policeNunukan)],
    [...h.investigating, c.identifySuspect(policeNunukan)],
  ].filter((steps) => steps.every(isCommand)) as CaseCommand[][];
  return histories.flatMap((steps) => eventsOf(steps).map((e) => ({ ...e, schemaVersion: 1, correlationId: `corr-${e.eventId}` })));
};

const interceptionEvents = (): PublishableEvent[] =>
  interceptionDecider.decide(sampleInterception(), interceptionDecider.initialState()).map((event, i) => ({
    eventId: `7a1c0e9e-0000-4000-8000-00000000000${i}`,
    type: event.type,
    schemaVersion: 1,
    streamId: 'interception-int-nnk-2026-031',
    revision: i,
    data: JSON.parse(JSON.stringify(event.data)),
    occurredAt: c.NOW,
    recordedAt: c.NOW,
    actor: { userId: 'officer-1', unitId: 'imigrasi-nunukan', agencyType: 'IMMIGRATION' },
    correlationId: 'corr-int',
    position: BigInt(1000 + i),
  }));

/** Every value of a field that must never leave: sealed identities and free text, at any depth. */
const secretsOf = (event: PublishableEvent): string[] => {
  const spec = (CASE_EVENT_SPECS as Readonly<Record<string, Spec>>)[event.type];
  if (!spec) return [];
  return Object.entries(spec).flatMap(([name, field]) => {
    const value = event.data[name];
    if (value === undefined || value === null) return [];
    if (field.schema['x-sealed'] || field.schema['x-free-text']) return typeof value === 'string' ? [value] : [JSON.stringify(value)];
    return [];
  });
};

describe('the public event contract', () => {
  const events = [...caseEvents(), ...interceptionEvents()];

  it('covers every case command’s events and the interception report', () => {
    const types = new Set(events.map((e) => e.type));
    expect(types.size).toBeGreaterThanOrEqual(45);
    expect(types.has('DepartureIntercepted')).toBe(true);
  });

  it('produces messages that validate against the AsyncAPI payload schema of their type', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const event of events) {
      const message = toIntegrationMessage(event)!;
      expect(message).not.toBeNull();
      const value = JSON.parse(message.value) as { type: string };
      let validate = validators.get(value.type);
      if (!validate) validators.set(value.type, (validate = ajv.compile(payloadSchemaOf(value.type))));
      if (!validate(value)) throw new Error(`${event.type}: ${ajv.errorsText(validate.errors)} in ${message.value}`);
      expect(message.headers).toEqual({
        'event-id': event.eventId,
        'event-type': value.type,
        'schema-version': '1',
        'correlation-id': event.correlationId,
        'global-position': event.position.toString(),
      });
    }
    expect(validators.size).toBeGreaterThanOrEqual(45);
  });

  it('never carries a sealed identity or a free text, and keys every message by its case', () => {
    let secrets = 0;
    for (const event of events) {
      const message = toIntegrationMessage(event)!;
      for (const secret of secretsOf(event)) {
        secrets += 1;
        expect([event.type, message.value.includes(secret)]).toEqual([event.type, false]);
      }
      expect(message.key).toBe(event.streamId.replace(/^(case|interception)-/, ''));
      expect(message.value).not.toMatch(SEALED_VALUE_MARKER);
    }
    // The histories do carry identities and reasons: the check above is not empty.
    expect(secrets).toBeGreaterThan(20);
  });

  it('tells other systems that a person was erased, by ref, ground and units only', () => {
    const erased = events.find((e) => e.type === 'SubjectErased')!;
    const value = JSON.parse(toIntegrationMessage(erased)!.value) as { type: string; data: Record<string, unknown> };
    expect(value.type).toBe('tppo.case.subject-erased.v1');
    expect(Object.keys(value.data).sort()).toEqual(['approvedByUnitId', 'caseId', 'erasedAt', 'erasureId', 'legalGround', 'requestedByUnitId', 'subjectRef']);
  });

  it('names types by source and version, and ignores streams outside the contract', () => {
    expect(integrationTypeOf('case', 'ReferralSent')).toBe('tppo.case.referral-sent.v1');
    expect(integrationTypeOf('case', 'LpskProtectionRequested')).toBe('tppo.case.lpsk-protection-requested.v1');
    expect(PUBLISHED.get('DepartureIntercepted')!.type).toBe('tppo.interception.departure-intercepted.v1');
    expect(toIntegrationMessage({ ...events[0]!, type: 'SomethingElse' })).toBeNull();
  });

  it('keeps the committed asyncapi.json equal to the contract (regenerate with `npm run asyncapi`)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(asyncApiDocument());
    expect(committed.asyncapi).toBe('3.0.0');
  });
});
