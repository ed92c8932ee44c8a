// Preloaded into benchmarked child processes (NODE_OPTIONS=--require): each node process of the
// command (npx starts node more than once, and the bin starts its layout process) adds a line to
// WP_BENCH_USAGE when it exits: its peak resident memory, the anonymous (private) part of what is
// resident then, its CPU time and its parent. bench/lib.js adds them up.
const file = process.env.WP_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const fs = require('node:fs');
    const u = process.resourceUsage();
    let anonMB;
    try {
      anonMB = Number(fs.readFileSync('/proc/self/status', 'utf8').match(/^RssAnon:\s+(\d+) kB/m)[1]) / 1024;
    } catch {}
    const line = { pid: process.pid, ppid: process.ppid, maxRssMB: u.maxRSS / 1024, anonMB, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 };
    fs.appendFileSync(file, JSON.stringify(line) + '\n');
  });
}
