import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfigOrExit } from './config/app-config';

const main = async (): Promise<void> => {
  const config = loadConfigOrExit();
  const app = await createApp(config);
  // Nest's shutdown hooks stop accepting requests and wait for those in flight; this bounds the wait.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`coordination-api: commands still running ${config.shutdownGraceMs} ms after ${signal}; exiting\n`);
        process.exit(1);
      }, config.shutdownGraceMs).unref();
    });
  }
  await app.listen({ port: config.port, host: config.host });
  app.getHttpAdapter().getInstance().log.info(
    { url: await app.getUrl(), dataDir: config.dataDir, eventStore: config.eventStore.kind },
    'coordination-api listening',
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`coordination-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
