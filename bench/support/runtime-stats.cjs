// Preload for the server (`BENCH_SERVER_ARGS="--require ./bench/support/runtime-stats.cjs"`): after
// STATS_SKIP_MS (9000: start-up and warm-up), measures the main thread for STATS_MS (15000) and prints
// one line to stderr: event-loop delay percentiles, GC pauses by kind, and V8's heap spaces (used /
// physical MB). Where the p99 of bench:commands comes from, and where its RSS goes.
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');
const { getHeapSpaceStatistics } = require('node:v8');
const { isMainThread } = require('node:worker_threads');

if (isMainThread) {
  const skipMs = Number(process.env.STATS_SKIP_MS || 9000);
  const measureMs = Number(process.env.STATS_MS || 15000);
  const kinds = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks' };
  const pauses = {};
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) (pauses[kinds[entry.detail?.kind] || 'other'] ||= []).push(entry.duration);
  });
  const ms = (ns) => (ns / 1e6).toFixed(1);
  const mb = (bytes) => (bytes / 1048576).toFixed(0);
  setTimeout(() => {
    delay.enable();
    gc.observe({ entryTypes: ['gc'] });
    setTimeout(() => {
      delay.disable();
      gc.disconnect();
      const gcText = Object.entries(pauses).map(([kind, list]) => {
        const sorted = list.sort((a, b) => a - b);
        return `${kind} ${sorted.length}× total ${sorted.reduce((a, b) => a + b, 0).toFixed(0)} ms p50 ${sorted[sorted.length >> 1].toFixed(1)} max ${sorted[sorted.length - 1].toFixed(1)}`;
      });
      const heap = getHeapSpaceStatistics().filter((s) => s.physical_space_size > 1048576).map((s) => `${s.space_name.replace('_space', '')} ${mb(s.space_used_size)}/${mb(s.physical_space_size)}`);
      process.stderr.write(
        `runtime stats over ${measureMs / 1000} s: event-loop delay ms p50 ${ms(delay.percentile(50))} p90 ${ms(delay.percentile(90))} p99 ${ms(delay.percentile(99))} max ${ms(delay.max)}` +
          ` | GC ${gcText.join(', ') || 'none'} | heap MB used/physical ${heap.join(', ')}\n`,
      );
    }, measureMs).unref();
  }, skipMs).unref();
}
