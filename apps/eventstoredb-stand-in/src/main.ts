/**
 * The EventStoreDB stand-in as a process of its own (see ../README.md): a test double that speaks
 * EventStoreDB's gRPC protocol from memory, for running the API, the projector or the relay with
 * EVENT_STORE=eventstoredb where no real server can be installed. It listens on 127.0.0.1 only,
 * on STAND_IN_PORT (2113, EventStoreDB's own port; 0 picks a free one), prints one JSON line
 * `{"url":"esdb://127.0.0.1:<port>?tls=false"}` once it serves, and stops on SIGTERM/SIGINT.
 * Nothing is written to disk: everything it held is gone when it stops.
 */
import { startEventStoreDbStandIn } from './eventstoredb-stand-in';

const DEFAULT_PORT = 2113;

const portFrom = (value: string | undefined): number => {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`STAND_IN_PORT must be a port number (0-65535), not "${value}"`);
  return port;
};

const main = async (): Promise<void> => {
  const standIn = await startEventStoreDbStandIn({ port: portFrom(process.env.STAND_IN_PORT) });
  process.stdout.write(`${JSON.stringify({ url: standIn.url })}\n`);
  const stop = () => void standIn.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
