import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyStore } from './idempotency.store';

describe('remembered first responses by Idempotency-Key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idem-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the first response for a key, scoped to the unit, across restarts', () => {
    const file = join(dir, 'api.db');
    let store = IdempotencyStore.open(file);
    store.remember('uptd-ppa-nunukan', 'k-1', { fingerprint: 'f1', status: 201, body: { caseId: 'c-1', revision: 0 } });
    // A second answer under the same key never replaces the first.
    store.remember('uptd-ppa-nunukan', 'k-1', { fingerprint: 'f2', status: 201, body: { caseId: 'c-2' } });
    store.close();
    store = IdempotencyStore.open(file);
    expect(store.lookup('uptd-ppa-nunukan', 'k-1')).toEqual({ fingerprint: 'f1', status: 201, body: { caseId: 'c-1', revision: 0 } });
    expect(store.lookup('polres-nunukan', 'k-1')).toBeUndefined();
    expect(store.lookup('uptd-ppa-nunukan', 'k-2')).toBeUndefined();
    store.close();
  });
});
