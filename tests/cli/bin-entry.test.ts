// bin/workshop-pack.js runs the one-file bundle (dist/workshop-pack.cjs) with a V8 code cache, but
// never a stale one: after a plain `tsc`, or without the bundle, it runs dist/cli/main.js. Checked
// on a copy of the bin beside stand-in dist files that say which of them ran.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/build.js';

function fakePackage(): { bundle: string; modules: string; runBin: (...args: string[]) => string } {
  const dir = tempDir('wp-bin-');
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'cli'), { recursive: true });
  copyFileSync(path.join(REPO, 'bin', 'workshop-pack.js'), path.join(dir, 'bin', 'workshop-pack.js'));
  writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}');
  const bundle = path.join(dir, 'dist', 'workshop-pack.cjs');
  const modules = path.join(dir, 'dist', 'cli', 'main.js');
  writeFileSync(bundle, 'exports.run = async (args, io) => { io.out("bundle " + args.join(" ")); return 0; };\n');
  writeFileSync(modules, 'export async function run(args, io) { io.out("modules " + args.join(" ")); return 0; }\n');
  const runBin = (...args: string[]) => execFileSync(process.execPath, [path.join(dir, 'bin', 'workshop-pack.js'), ...args], { encoding: 'utf8' }).trim();
  return { bundle, modules, runBin };
}

describe('the bin', () => {
  it('runs the bundle when it is as new as the compiled modules, and leaves a code cache beside it', () => {
    const { bundle, modules, runBin } = fakePackage();
    const t = new Date();
    utimesSync(modules, t, t);
    utimesSync(bundle, t, t);
    expect(runBin('build', '--doc', 'story')).toBe('bundle build --doc story');
    // The layout process, started with flags of its own, keeps a cache of its own.
    const layoutCache = `${bundle}.layout.cache`;
    expect(existsSync(layoutCache)).toBe(true);
    expect(existsSync(`${bundle}.cache`)).toBe(false);
    expect(runBin('--version')).toBe('bundle --version');
    expect(existsSync(`${bundle}.cache`)).toBe(true);
    // Each is taken as it is by its own kind of process: neither is thrown away and written again.
    const written = [statSync(layoutCache).mtimeMs, statSync(`${bundle}.cache`).mtimeMs];
    expect(runBin('build', '--doc', 'story')).toBe('bundle build --doc story');
    expect(runBin('status')).toBe('bundle status');
    expect([statSync(layoutCache).mtimeMs, statSync(`${bundle}.cache`).mtimeMs]).toEqual(written);
  });

  it('runs dist/cli/main.js when, in a checkout, the bundle is older (a `tsc` without the bundle step), or when it is missing', () => {
    const { bundle, modules, runBin } = fakePackage();
    utimesSync(bundle, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    utimesSync(modules, new Date(), new Date());
    // An installed package has no tsconfig.json: npm dates its files by when it unpacked them.
    expect(runBin('check')).toBe('bundle check');
    writeFileSync(path.join(bundle, '..', '..', 'tsconfig.json'), '{}');
    expect(runBin('check')).toBe('modules check');
    const { bundle: other, runBin: runOther } = fakePackage();
    rmSync(other);
    expect(runOther('status')).toBe('modules status');
  });

  it('writes the code cache before the command runs, and again after a short one with what it compiled', () => {
    const { bundle, modules, runBin } = fakePackage();
    // A bundle whose command says how large the cache was when it started, and compiles a function
    // of its own (V8 compiles a function the first time it runs, and a cache made after holds it).
    writeFileSync(
      bundle,
      [
        'const { existsSync, statSync } = require("node:fs");',
        'function work(n) { let s = 0; for (let i = 0; i < n; i++) s += [i, i * 2, String(i)].length; return s; }',
        'exports.run = async (args, io) => { io.out("cache " + (existsSync(__filename + ".layout.cache") ? statSync(__filename + ".layout.cache").size : 0) + " " + work(3)); return 0; };',
        '',
      ].join('\n'),
    );
    const t = new Date();
    utimesSync(modules, t, t);
    utimesSync(bundle, t, t);
    // A long build lets V8 drop the bytecode of code run once, so the cache is made before it.
    const before = Number(/^cache (\d+) 9$/.exec(runBin('build'))?.[1]);
    expect(before).toBeGreaterThan(0);
    expect(statSync(`${bundle}.layout.cache`).size).toBeGreaterThan(before);
  });

  it('ignores a code cache that does not match the bundle', () => {
    const { bundle, modules, runBin } = fakePackage();
    // As new as the modules (written a moment after it, they could otherwise be newer).
    const t = new Date();
    utimesSync(modules, t, t);
    utimesSync(bundle, t, t);
    writeFileSync(`${bundle}.cache`, 'not a V8 code cache');
    writeFileSync(`${bundle}.layout.cache`, 'not a V8 code cache');
    expect(runBin('build')).toBe('bundle build');
    expect(runBin('status')).toBe('bundle status');
  });
});
