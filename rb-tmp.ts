import { caseEventRegistry } from '@tppo/case-domain';
import { SqliteEventStore } from '@tppo/event-store';
import { PROJECTIONS } from '@tppo/read-models';
import { Projector, SqliteReadStore } from '@tppo/read-store';
const dir = process.argv[2]!;
const only = process.env['ONLY'];
(async () => {
  const events = await SqliteEventStore.open({ file: `${dir}/events.db` });
  const reads = SqliteReadStore.open(`${dir}/reads.db`);
  const ps = only ? PROJECTIONS.filter((p) => only.split(',').includes(p.name)) : PROJECTIONS;
  const projector = new Projector(events, reads, caseEventRegistry, ps, { batchSize: 2000 });
  const t = performance.now();
  const n = await projector.rebuild(undefined, () => {});
  console.log(ps.map((p) => p.name).join(','), Math.round(n / ((performance.now() - t) / 1000)), 'ev/s');
  await reads.close(); await events.close();
})();
