// Cold start: one story handout (`build --locale en --doc story`) in a fresh process, the way a
// user runs it, before and after the bundled CLI with its code cache, and through npx. Figures only.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO, RUNS, load, spread, tempDir, timed } from './lib.js';

const out = tempDir('wp-bench-cold-');
const story = ['build', '--locale', 'en', '--doc', 'story', '--out', out];
const node = process.execPath;
const bin = path.join(REPO, 'bin', 'workshop-pack.js');
// The code caches of the process the user starts and of the layout process (bin/workshop-pack.js).
const caches = ['workshop-pack.cjs.cache', 'workshop-pack.cjs.layout.cache'].map((f) => path.join(REPO, 'dist', f));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

// Each build starts from an empty output folder: with the build cache (and the trace of a no-op run)
// in place, a second run would build nothing.
const emptyOut = () => rmSync(out, { recursive: true, force: true });
const variants = [
  ['before: dist/cli/main.js, one module at a time', node, [path.join(REPO, 'bench', 'unbundled-entry.js'), ...story], emptyOut],
  ['after, first run (bundle, no code cache yet)', node, [bin, ...story], () => (emptyOut(), caches.forEach((c) => rmSync(c, { force: true })))],
  ['after: node bin/workshop-pack.js (bundle + code cache)', node, [bin, ...story], emptyOut],
  // The words' shapes kept by earlier runs (layout/shape-store.ts) are in the user cache folder: a
  // first run on a machine has none, and shapes with fontkit.
  ['after, empty user cache (no shapes kept by earlier runs)', node, [bin, ...story], emptyOut, () => ({ XDG_CACHE_HOME: tempDir('wp-bench-cold-cache-') })],
  ['after: npx workshop-pack', npx, ['workshop-pack', ...story], emptyOut],
  ['node bin/workshop-pack.js --version', node, [bin, '--version']],
  ['npx workshop-pack --version', npx, ['workshop-pack', '--version']],
  ['node -e 0 (Node itself)', node, ['-e', '0']],
];

export function coldStart() {
  if (!existsSync(path.join(REPO, 'dist', 'workshop-pack.cjs'))) console.log('  (no dist/workshop-pack.cjs: `npm run build` makes it; "after" runs dist/cli/main.js)');
  timed(node, [bin, ...story]); // leaves a code cache, as any earlier run would
  const figures = new Map(variants.map(([name]) => [name, { wall: [], cpu: [] }]));
  // Interleaved, so that a burst of load from other processes hits every variant alike.
  for (let i = 0; i < RUNS; i++)
    for (const [name, command, args, before, env] of variants) {
      before?.();
      const r = timed(command, args, { env: env?.() ?? {} });
      figures.get(name).wall.push(r.seconds);
      if (command === node) figures.get(name).cpu.push(r.cpuSeconds);
    }
  timed(node, [bin, '--version']); // the code cache back in place
  console.log(`cold start, one story handout (en: ${RUNS} runs each, ${load()})`);
  for (const [name, f] of figures) console.log(`  ${name}: ${spread(f.wall, 2, 's')}${f.cpu.length ? `; CPU ${spread(f.cpu, 2, 's')}` : ''}`);
  rmSync(out, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) coldStart();
