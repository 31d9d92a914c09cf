import type { StoredEvent } from './envelope';
import { MalformedMessageError } from './errors';
import { EventRegistry } from './event-registry';

const stored = (type: string, schemaVersion: number, data: StoredEvent['data']): StoredEvent => ({
  eventId: 'e-1', streamId: 'case-1', revision: 0, type, schemaVersion, data,
  occurredAt: '2026-01-05T00:00:00.000Z', recordedAt: '2026-01-05T00:00:00.000Z',
  actor: { userId: 'u', unitId: 'uptd-ppa-nunukan', agencyType: 'SERVICE_UNIT' },
  correlationId: 'c', causationId: 'c', prevHash: '0', hash: '1', position: 1n,
});

describe('the event registry (upcasting hook)', () => {
  const registry = new EventRegistry([
    {
      type: 'RiskAssessed',
      version: 3,
      upcasters: {
        // v1 had a numeric score; v2 named the level.
        1: (d) => ({ ...d, level: Number(d['score']) >= 7 ? 'HIGH' : 'LOW' }),
        // v3 made factors a list.
        2: (d) => ({ ...d, factors: d['factors'] ?? [] }),
      },
      validate: (d) => (typeof d['level'] === 'string' ? [] : ['level is required']),
    },
    { type: 'CaseClosed', version: 1 },
  ]);

  it('reads an old schema version as the current one, step by step', () => {
    const up = registry.upcast(stored('RiskAssessed', 1, { score: 8 }));
    expect(up.schemaVersion).toBe(3);
    expect(up.data).toEqual({ score: 8, level: 'HIGH', factors: [] });
  });

  it('returns the same event when it is already current', () => {
    const event = stored('CaseClosed', 1, { reason: 'done' });
    expect(registry.upcast(event)).toBe(event);
  });

  it('refuses unknown types and versions from the future with typed errors', () => {
    expect(() => registry.upcast(stored('Mystery', 1, {}))).toThrow(expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE' }));
    expect(() => registry.upcast(stored('CaseClosed', 2, {}))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SCHEMA_VERSION' }));
    expect(() => registry.upcast(stored('CaseClosed', 0, {}))).toThrow(MalformedMessageError);
  });

  it('validates new payloads and names the problem', () => {
    expect(() => registry.validate('RiskAssessed', {})).toThrow(/level is required/);
    expect(() => registry.validate('RiskAssessed', { level: 'LOW' })).not.toThrow();
  });

  it('refuses a registration with a missing upcaster or a duplicate type', () => {
    expect(() => new EventRegistry([{ type: 'A', version: 2 }])).toThrow(/lacks an upcaster from v1/);
    expect(() => new EventRegistry([{ type: 'A', version: 1 }, { type: 'A', version: 1 }])).toThrow(/twice/);
  });
});
