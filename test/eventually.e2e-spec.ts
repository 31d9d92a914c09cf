import { eventually } from './support/eventually';

/** The one wait the tests use: it resolves with what the check returned, or names what never came. */
describe('eventually', () => {
  it('asks again while the check throws or returns false, then resolves with its value', async () => {
    let asked = 0;
    const value = await eventually(
      () => {
        asked += 1;
        if (asked === 1) throw new Error('not yet');
        return asked === 3 && { asked };
      },
      { what: 'the third look', intervalMs: 1 },
    );
    expect(value).toEqual({ asked: 3 });
  });

  it('fails past its deadline, naming what it waited for and the last error', async () => {
    await expect(eventually(() => expect(1).toBe(2), { what: 'one to be two', timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(
      /^timed out after 50 ms waiting for one to be two; last: expect\(received\)\.toBe\(expected\)/,
    );
  });

  it('gives up at once when told why, without waiting for the deadline', async () => {
    const started = Date.now();
    await expect(eventually(() => false, { what: 'a child', timeoutMs: 10_000, giveUpIf: () => 'it exited with 1' })).rejects.toThrow(
      'gave up waiting for a child: it exited with 1; last: the check returned false',
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
