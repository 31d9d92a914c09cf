/**
 * Child process for the kill test: appends to many streams from many concurrent callers until it
 * is killed, printing `ok <stream> <revision> <eventId>` only after each append resolved.
 */
import { makeRecords } from '../../libs/event-store/src/contract/records';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';

const main = async (): Promise<void> => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: append-forever <file>');
  const store = await SqliteEventStore.open({ file });
  const callers = 32;
  const streamsPerCaller = 4;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      const heads = new Map<string, { revision: number; hash: string }>();
      for (let n = 0; ; n += 1) {
        const streamId = `case-k${caller}-${n % streamsPerCaller}`;
        const head = heads.get(streamId);
        const records = makeRecords(streamId, (head?.revision ?? -1) + 1, head?.hash, 1 + (n % 3));
        await store.appendToStream(streamId, head ? head.revision : 'no_stream', records);
        const last = records.at(-1)!;
        heads.set(streamId, { revision: last.revision, hash: last.hash });
        process.stdout.write(records.map((r) => `ok ${r.streamId} ${r.revision} ${r.eventId}\n`).join(''));
      }
    }),
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
