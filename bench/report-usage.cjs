// Preloaded into benchmarked child processes (NODE_OPTIONS=--require): writes the process's peak
// resident memory and CPU time to WP_BENCH_USAGE when it exits. Only the first process that loads it
// reports (npx starts node more than once).
const file = process.env.WP_BENCH_USAGE;
if (file) {
  delete process.env.WP_BENCH_USAGE;
  process.on('exit', () => {
    const u = process.resourceUsage();
    require('node:fs').writeFileSync(file, JSON.stringify({ maxRssMB: u.maxRSS / 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}
