import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointerData } from './sqlite-writer';

/**
 * The checkpointer thread: copies committed WAL pages into the database file with PASSIVE
 * checkpoints (which never block the writer or readers), so the writer thread never stops to do it
 * inside a commit. An inline checkpoint held every append queued behind it for 50-150 ms.
 */
const port = parentPort!;
const data = workerData as CheckpointerData;
const db = new Database(data.file);
db.pragma('synchronous = FULL');
let running = true;
const tick = () => {
  if (!running) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next tick tries again; the writer's own safety net bounds the WAL.
  }
  timer = setTimeout(tick, data.intervalMs);
};
let timer = setTimeout(tick, data.intervalMs);
port.on('message', (message: { readonly kind: string }) => {
  if (message.kind !== 'close') return;
  running = false;
  clearTimeout(timer);
  db.close();
  port.close();
});
