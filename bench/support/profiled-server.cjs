// Starts the built server under the V8 CPU profiler and writes PROFILE_FILE after PROFILE_MS
// (Nest exits by re-raising SIGTERM, so --cpu-prof would never write its file). Only the main
// thread: preloaded with --require, this file also runs in every worker thread, whose profile
// would otherwise overwrite the main one.
const { isMainThread } = require('node:worker_threads');
if (isMainThread) {
  const { Session } = require('node:inspector');
  const { writeFileSync } = require('node:fs');
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () =>
    session.post('Profiler.start', () => {
      setTimeout(() => {
        session.post('Profiler.stop', (error, { profile }) => {
          if (!error) writeFileSync(process.env.PROFILE_FILE || 'server.cpuprofile', JSON.stringify(profile));
          process.stderr.write(`profile written to ${process.env.PROFILE_FILE}\n`);
        });
      }, Number(process.env.PROFILE_MS || 15000)).unref();
    }),
  );
}
// Run as `node profiled-server.cjs main.js`, or preloaded with `--require` (then node runs main itself).
if (require.main === module) require(process.argv[2]);
