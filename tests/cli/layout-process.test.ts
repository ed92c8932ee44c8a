// `build` and `check` lay documents out in a process the bin starts with settings a process can
// only be given when it starts (a small young generation, one V8 platform thread, two malloc arenas:
// bin/workshop-pack.js). Checked on a copy of the bin beside a stand-in bundle that says, as JSON,
// which process ran it and how that process was started.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/build.js';

const STAND_IN = `
exports.run = async (args, io) => {
  io.out(JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv, arenas: process.env.MALLOC_ARENA_MAX ?? null, marker: Object.keys(process.env).filter((k) => k.startsWith('WORKSHOP_PACK_')), args }));
  if (args.includes('--fail')) { io.err('stand-in: failed as asked'); return 3; }
  if (args.includes('--hang')) await new Promise(() => setInterval(() => {}, 1000));
  if (args.includes('--many')) for (let i = 0; i < 500; i++) io.out('line ' + i), await new Promise((r) => setTimeout(r, 10));
  return 0;
};
`;

function fakePackage(): string {
  const dir = tempDir('wp-layout-');
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'cli'), { recursive: true });
  copyFileSync(path.join(REPO, 'bin', 'workshop-pack.js'), path.join(dir, 'bin', 'workshop-pack.js'));
  writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}');
  writeFileSync(path.join(dir, 'dist', 'workshop-pack.cjs'), STAND_IN);
  return path.join(dir, 'bin', 'workshop-pack.js');
}

type Ran = { pid: number; ppid: number; execArgv: string[]; arenas: string | null; marker: string[]; args: string[] };

function runBin(bin: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '' } });
  return { code: r.status, ran: JSON.parse(r.stdout.trim()) as Ran, err: r.stderr.trim(), pid: r.pid };
}

describe('the layout process', () => {
  it('runs build and check in a child of the bin started with a 4 MB semi-space, one platform thread and two arenas', () => {
    const bin = fakePackage();
    for (const command of ['build', 'check']) {
      const { code, ran, pid } = runBin(bin, command, '--locale', 'en');
      expect(code).toBe(0);
      expect(ran.args).toEqual([command, '--locale', 'en']);
      expect(ran.ppid).toBe(pid); // a child of the process the user started
      expect(ran.execArgv).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--v8-pool-size=1']));
      expect(ran.arenas).toBe('2');
      // The marker that tells the bin it is the layout process is not left for processes it starts.
      expect(ran.marker).toEqual([]);
    }
  });

  it('runs every other command in the process the user started, as it was started', () => {
    const bin = fakePackage();
    for (const args of [['status', '--locale', 'fr'], ['--version'], ['init', 'x']]) {
      const { code, ran, pid } = runBin(bin, ...args);
      expect(code).toBe(0);
      expect(ran.pid).toBe(pid);
      expect(ran.execArgv).toEqual([]);
      expect(ran.arenas).toBe('');
    }
  });

  it('lays out one document other than the pack, in one locale, in the process the user started', () => {
    const bin = fakePackage();
    for (const args of [
      ['build', '--locale', 'en', '--doc', 'story'],
      ['check', '--doc=udhr', '--locale=fr', '--case', 'a', 'b'],
      ['build', '--locale', 'ar', '--doc', 'story,', '--force'],
    ]) {
      const { ran, pid } = runBin(bin, ...args);
      expect(ran.pid, args.join(' ')).toBe(pid);
      expect(ran.args).toEqual(args);
    }
    for (const args of [
      ['build', '--locale', 'en'],
      ['build', '--doc', 'story'],
      ['build', '--locale', 'en', '--doc', 'pack'],
      ['build', '--locale', 'en', 'fr', '--doc', 'story'],
      ['build', '--locale', 'en', '--doc', 'story,udhr'],
      ['build', '--locale', 'en', '--doc', 'story', '--doc', 'guide'],
      ['build', '--locale=en,fr', '--doc', 'story'],
    ]) {
      const { ran, pid } = runBin(bin, ...args);
      expect(ran.ppid, args.join(' ')).toBe(pid);
    }
  });

  it("ends with the layout process's exit code and what it printed", () => {
    const bin = fakePackage();
    const r = runBin(bin, 'build', '--fail');
    expect(r.code).toBe(3);
    expect(r.err).toBe('stand-in: failed as asked');
    expect(r.ran.ppid).toBe(r.pid);
  });

  it('passes a signal to stop on to the layout process, and ends as it did', async () => {
    const bin = fakePackage();
    const parent = spawn(process.execPath, [bin, 'build', '--hang'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ran = await new Promise<Ran>((resolve) => parent.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)))));
    expect(ran.ppid).toBe(parent.pid);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => parent.on('exit', (_code, signal) => resolve(signal)));
    parent.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    // The child is gone too (signal 0 only asks whether a process exists).
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(ran.pid, 0)).toThrow(/ESRCH/);
  });

  it('stops quietly when its reader closes the pipe (`| head`), in the layout process or not', async () => {
    const bin = fakePackage();
    for (const command of ['build', 'status']) {
      const run = spawn(process.execPath, [bin, command, '--many'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      run.stderr.on('data', (chunk) => (err += chunk));
      await new Promise((resolve) => run.stdout.once('data', resolve));
      run.stdout.destroy(); // as head does after its lines
      const code = await new Promise((resolve) => run.on('exit', (c) => resolve(c)));
      expect([command, code]).toEqual([command, 141]);
      expect(err).toBe(''); // no stack trace
    }
  });
});
