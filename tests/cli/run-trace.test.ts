// A `build` run again with nothing changed is answered from a trace of the earlier run, without
// loading the tool (src/cli/run-trace.ts): it must print exactly what a real run prints, and a real
// run must happen whenever anything the earlier run looked at changed. The bin is run as a user runs
// it; a trace is shown to be replayed by editing what it says it printed.
import { execFile } from 'node:child_process';
import childProcess from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { record, replay, traceDifference, traceKey } from '../../src/cli/run-trace.js';
import { copyContent, REPO, tempDir } from '../helpers/build.js';

const EPOCH = '1733788800';
const MARK = 'replayed from the trace';

interface Project {
  dir: string;
  cache: string;
  run: (args?: string[], env?: Record<string, string>) => Promise<{ code: number; out: string; err: string }>;
  traces: () => string[];
  /** Wait until nothing is "racy" (changed under 2 s ago), run until a trace is kept, and mark it. */
  settle: () => Promise<void>;
  /** What changed since each trace was kept (see traceDifference). */
  difference: () => string;
}

function project(): Project {
  const dir = copyContent(['en']);
  const cache = tempDir('wp-trace-cache-');
  const args = ['build', '--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story', 'letter'];
  const run: Project['run'] = (extra = args, env = {}) =>
    new Promise((resolve) => {
      const child = execFile(process.execPath, [path.join(REPO, 'bin', 'workshop-pack.js'), ...extra], { cwd: dir, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, XDG_CACHE_HOME: cache, ...env } }, (e, out, err) =>
        resolve({ code: child.exitCode ?? (e ? 1 : 0), out, err }),
      );
    });
  const runs = path.join(cache, 'workshop-pack', 'runs');
  const traces = () => (existsSync(runs) ? readdirSync(runs).filter((f) => f.endsWith('.json')).map((f) => path.join(runs, f)) : []);
  const settle = async () => {
    for (const t of traces()) rmSync(t);
    for (let i = 0; i < 3 && traces().length === 0; i++) {
      await new Promise((r) => setTimeout(r, 2100));
      await run();
    }
    expect(traces()).toHaveLength(1);
    const file = traces()[0];
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    trace.printed.unshift(['out', MARK]);
    writeFileSync(file, JSON.stringify(trace));
  };
  // Why the trace of the usual command line would not answer now, seen from this process (run in the project's folder, with its variables).
  const difference = () => {
    const saved = { cwd: process.cwd(), cache: process.env.XDG_CACHE_HOME, epoch: process.env.SOURCE_DATE_EPOCH };
    try {
      process.chdir(dir);
      Object.assign(process.env, { XDG_CACHE_HOME: cache, SOURCE_DATE_EPOCH: EPOCH });
      return traces().map((t) => traceDifference(path.basename(t, '.json')) ?? 'as it was').join('; ');
    } finally {
      process.chdir(saved.cwd);
      for (const [name, value] of [['XDG_CACHE_HOME', saved.cache], ['SOURCE_DATE_EPOCH', saved.epoch]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  };
  return { dir, cache, run: (extra, env) => run(extra ?? args, env), traces, settle, difference };
}

describe('a build run again with nothing changed', () => {
  it('prints what the full run printed, exit code and all, with its own time', async () => {
    const p = project();
    const built = await p.run();
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/wrote .*story\.pdf/);
    // The run that wrote PDFs is not traced.
    expect(p.traces()).toHaveLength(0);
    await p.settle();
    const full = await p.run(undefined, { WORKSHOP_PACK_UNUSED: '1' }); // a variable it never reads changes nothing
    expect(full.out.split('\n')[0]).toBe(MARK);
    const again = await p.run();
    expect(again.out.split('\n')[0]).toBe(MARK);
    // The same lines as a real no-op run, but for the time in the summary.
    const real = again.out.split('\n').slice(1);
    for (const t of p.traces()) rmSync(t);
    const fresh = await p.run();
    const strip = (lines: string[]) => lines.map((l) => l.replace(/ in \d+\.\d\d s/, ' in … s'));
    expect(strip(real)).toEqual(strip(fresh.out.split('\n')));
    expect(again.err).toBe(fresh.err);
    expect(again.err).toMatch(/placeholder image/); // the warnings are said again
    expect(again.code).toBe(fresh.code);
    expect(real.at(-2)).toMatch(/^0 documents, 0 pages in \d+\.\d\d s; 2 unchanged since the last build/);
  });

  it('runs in full when a file it read, a PDF, a folder or a variable it read changed', async () => {
    const p = project();
    await p.run();
    const caseFile = path.join(p.dir, 'content', 'en', 'cases', 'maryia-kalesnikava', 'case.md');
    const story = path.join(p.dir, 'out', 'maryia-kalesnikava', 'en', 'story.pdf');

    // A content file edited, even keeping its size and time stamp.
    await p.settle();
    const text = readFileSync(caseFile, 'utf8');
    const { atime, mtime } = statSync(caseFile);
    writeFileSync(caseFile, text.replace('Maryia', 'Mariya'));
    utimesSync(caseFile, atime, mtime);
    let r = await p.run();
    expect(r.out).not.toContain(MARK);
    expect(r.out).toMatch(/wrote .*story\.pdf/);

    // A PDF deleted.
    await p.settle();
    rmSync(story);
    r = await p.run();
    expect(r.out).not.toContain(MARK);
    expect(r.out).toMatch(/wrote .*story\.pdf/);
    expect(existsSync(story)).toBe(true);

    // A file added where the build looks for translations and photos (a folder it listed).
    await p.settle();
    cpSync(path.join(p.dir, 'content', 'en', 'cases', 'maryia-kalesnikava'), path.join(p.dir, 'content', 'en', 'cases', 'a-new-case'), { recursive: true });
    r = await p.run(['build', '--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story', 'letter']);
    expect(r.out).not.toContain(MARK);
    rmSync(path.join(p.dir, 'content', 'en', 'cases', 'a-new-case'), { recursive: true });

    // Another command line is another trace.
    await p.settle();
    r = await p.run(['build', '--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story']);
    expect(r.out).not.toContain(MARK);
    // And, with nothing changed since the mark, the trace still answers.
    const difference = p.difference();
    r = await p.run();
    expect(r.out, `what changed since the trace: ${difference}`).toContain(MARK);
    // A variable the build reads.
    r = await p.run(undefined, { SOURCE_DATE_EPOCH: String(Number(EPOCH) + 86400) });
    expect(r.out).not.toContain(MARK);
  });
});

describe('recording a run', () => {
  const io = () => ({ out: () => {}, err: () => {} });
  const keyOf = (name: string) => traceKey([name], REPO, undefined, []);
  const old = path.join(REPO, 'package.json');

  it('keeps a trace of a run that only looked at files, and replays it while they are unchanged', () => {
    const key = keyOf(`looks-${Date.now()}`);
    const rec = record(key, io());
    readFileSync(old);
    rec.io.out('hello');
    rec.finish(3);
    const said: string[] = [];
    expect(replay(key, { out: (l) => said.push(l), err: () => {} }, performance.now())).toBe(3);
    expect(said).toEqual(['hello']);
  });

  it.each([
    ['writes a file', (dir: string) => writeFileSync(path.join(dir, 'x'), 'x')],
    ['opens a file for writing', (dir: string) => closeSync(openSync(path.join(dir, 'z'), 'w'))],
    ['starts a process', () => childProcess.execFileSync(process.execPath, ['-e', '0'])],
    ['reads a file changed a moment ago', (dir: string) => (writeFileSync(path.join(dir, 'y'), 'y'), readFileSync(path.join(dir, 'y')))],
    ['reads the whole environment', () => Object.keys(process.env)],
  ])('keeps none of a run that %s', (_, act) => {
    const dir = tempDir('wp-trace-');
    const key = keyOf(`${_}-${Date.now()}`);
    const rec = record(key, io());
    readFileSync(old);
    act(dir);
    rec.finish(0);
    expect(replay(key, io(), performance.now())).toBeUndefined();
  });

  it('keeps none of a run that crashed, and puts the file functions back', () => {
    const before = readFileSync;
    const key = keyOf(`crash-${Date.now()}`);
    const rec = record(key, io());
    readFileSync(old);
    rec.finish();
    expect(replay(key, io(), performance.now())).toBeUndefined();
    expect(readFileSync).toBe(before);
  });
});
