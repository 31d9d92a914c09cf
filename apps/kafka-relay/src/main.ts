/**
 * The Kafka relay on its own (README, "Subscribing through Kafka"): follows the event log from its
 * checkpoint and publishes the public contract to KAFKA_TOPIC, and the transparency log's signed
 * checkpoints to KAFKA_CHECKPOINT_TOPIC (unless TRANSPARENCY_LOG=off). Same settings as the API
 * (DATA_DIR, EVENT_STORE_FILE, TRANSPARENCY_LOG_FILE, KAFKA_*, RELAY_CHECKPOINT_FILE); run the API
 * with KAFKA_RELAY=off beside it, on the same data folder. Serves GET /health (200 while publishing,
 * 503 while either relay cannot) and GET /metrics (their lag, JSON) on RELAY_HOST:RELAY_PORT
 * (127.0.0.1:3002). Stops cleanly on SIGTERM/SIGINT.
 */
import { createServer } from 'node:http';
import { caseEventRegistry } from '@tppo/case-domain';
import { EventRelay, KafkaPublisher, RelayCheckpoint } from '@tppo/messaging';
import pino from 'pino';
import { ConfigError, loadConfigOrExit } from '../../coordination-api/src/config/app-config';
import { openEventStore } from '../../coordination-api/src/infrastructure/open-event-store';
import { openCheckpointFeed } from '../../coordination-api/src/integration/checkpoint-feed';

const main = async (): Promise<void> => {
  const config = loadConfigOrExit((loaded) => {
    if (!loaded.kafka) throw new ConfigError('KAFKA_BROKERS', 'the relay needs KAFKA_BROKERS=host:port[,host:port…]');
  });
  const kafka = config.kafka!;
  const log = pino({ level: config.logLevel, name: 'kafka-relay' });
  const events = await openEventStore(config, { pollIntervalMs: 50 });
  const checkpoint = RelayCheckpoint.open(kafka.checkpointFile);
  const publisher = new KafkaPublisher({ brokers: kafka.brokers, clientId: kafka.clientId });
  const relay = new EventRelay(events, publisher, checkpoint, caseEventRegistry, {
    topic: kafka.topic,
    partitions: kafka.partitions,
    log: (level, message, details) => log[level](details ?? {}, message),
  });
  const checkpoints = openCheckpointFeed(config, (level, message, details) => log[level](details ?? {}, message));

  const server = createServer((request, response) => {
    void relay.status().then(
      (relayStatus) => {
        const status = { ...relayStatus, checkpoints: checkpoints?.relay.status() ?? null };
        const healthy = status.consecutiveFailures === 0 && (status.checkpoints?.consecutiveFailures ?? 0) === 0;
        if (request.url === '/health') {
          response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: healthy ? 'ok' : 'failing', lastError: status.lastError ?? status.checkpoints?.lastError ?? null }));
        } else if (request.url === '/metrics') {
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(status));
        } else {
          response.writeHead(404).end();
        }
      },
      () => response.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(kafka.statusPort, process.env['RELAY_HOST'] ?? '127.0.0.1', resolve));
  const address = server.address();
  log.info({ topic: kafka.topic, checkpointTopic: checkpoints ? kafka.checkpointTopic : null, brokers: kafka.brokers, status: typeof address === 'object' && address ? `${address.address}:${address.port}` : address }, 'relay status endpoint listening');

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    relay.stop();
    checkpoints?.relay.stop();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await Promise.all([relay.run(), checkpoints?.relay.run()]);
  server.close();
  await publisher.close();
  await checkpoints?.close();
  checkpoint.close();
  await events.close();
  log.info('stopped');
};

main().catch((error: unknown) => {
  process.stderr.write(`kafka-relay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
