import { KeyedQueue } from './stream-queue';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedQueue', () => {
  it('runs the work of one key one at a time, in the order it came', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const job = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await later(ms);
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([queue.run('a', job('1', 20)), queue.run('a', job('2', 1)), queue.run('a', job('3', 5))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('does not make work on another key wait', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const blocked = queue.run('a', () => new Promise<void>((r) => (release = r)).then(() => log.push('a')));
    await queue.run('b', async () => log.push('b'));
    expect(log).toEqual(['b']);
    release();
    await blocked;
    expect(log).toEqual(['b', 'a']);
  });

  it('goes on after a failure, which reaches only its own caller, and forgets idle keys', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('rule broken');
    });
    const next = queue.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('rule broken');
    await expect(next).resolves.toBe('next');
    await later(0);
    expect(queue.size).toBe(0);
  });
});
