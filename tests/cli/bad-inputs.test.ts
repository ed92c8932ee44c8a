// The bad-input corpus (issue 7): every file in tests/fixtures/bad/cases/ is one thing a careless or
// hostile content author did to a copy of tests/fixtures/bad/base/, the command run on it and the
// answer expected: an exact exit code and `file:line: message` lines. Whatever the case, a run must
// never crash (exit 70, "internal error", a stack trace), hang, exhaust memory, write raw control
// characters to the terminal, or put a file from outside content/ into a PDF or a message.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/build.js';
import { applyEdits, containsMarker, leaksOutside, CONTROL, filesUnder, makeProject, MARKER, removeProject, type FileEdit } from '../helpers/hostile.js';
import { CliPool, compileCli, type CliRun } from '../helpers/isolated-cli.js';

const CASES = path.join(REPO, 'tests', 'fixtures', 'bad', 'cases');
const CLASSES = ['paths', 'bounds', 'broken-output', 'crashes', 'links', 'encodings', 'leftovers', 'determinism'] as const;

interface Expected {
  file: string;
  line: number;
  message: string;
}

interface BadCase {
  name: string;
  what: string;
  class: (typeof CLASSES)[number];
  args: string[];
  files?: Record<string, FileEdit>;
  /** Longer than the default 60 s for a case that is slow even when handled well. */
  timeoutMs?: number;
  /** Permissions do not stop root: such a case is skipped (and says so) when the tests run as root. */
  skipAsRoot?: boolean;
  expect: {
    exit: number;
    errors?: Expected[];
    warnings?: Expected[];
    stdoutContains?: string[];
    stderrContains?: string[];
    noOutputFiles?: boolean;
    outputFiles?: string[];
    absentFiles?: string[];
    /** Text no output file may contain, also inside inflated PDF streams (e.g. "javascript:"). */
    outputNotContains?: string[];
    /** Run `args` on a second fresh copy; these output files must be byte for byte the same. */
    sameAs?: { args: string[]; files: string[] };
  };
}

function loadCases(): BadCase[] {
  return readdirSync(CASES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), ...parse(readFileSync(path.join(CASES, f), 'utf8')) }));
}

const cases = loadCases();

/** The stderr line `file:line: …message…` (a column after the line is allowed); errors are not warnings. */
function findLine(stderr: string, d: Expected, severity: 'error' | 'warning'): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const where = new RegExp(`^${escape(d.file)}${d.line > 0 ? `:${d.line}(?::\\d+)?` : ''}: (.*)$`);
  return stderr.split('\n').some((l) => {
    const m = where.exec(l);
    if (!m) return false;
    const rest = m[1].toLowerCase();
    if (severity === 'error' && rest.startsWith('warning')) return false;
    return rest.includes(d.message.toLowerCase());
  });
}

/** Everything wrong with one run, as sentences (empty when the case passes). */
async function problemsOf(c: BadCase, dir: string, r: CliRun): Promise<string[]> {
  const problems: string[] = [];
  const all = `${r.out}\n${r.err}`;
  if (r.stopped) return [`${r.stopped}: ${r.err}`];
  if (r.code !== c.expect.exit) problems.push(`exit ${r.code}, expected ${c.expect.exit}`);
  if (r.code === 70 || /internal error/i.test(all)) problems.push('internal error');
  if (/^\s+at /m.test(all)) problems.push('stack trace printed');
  const control = all.replace(/[\n\t]/g, '').match(CONTROL);
  if (control) problems.push(`raw control character ${JSON.stringify(control[0])} printed`);
  if (all.includes(MARKER)) problems.push('a message shows the content of a file outside content/');
  for (const d of c.expect.errors ?? []) if (!findLine(r.err, d, 'error')) problems.push(`no error ${d.file}:${d.line}: …${d.message}…`);
  for (const d of c.expect.warnings ?? []) if (!findLine(r.err, d, 'warning')) problems.push(`no warning ${d.file}:${d.line}: …${d.message}…`);
  for (const s of c.expect.stdoutContains ?? []) if (!r.out.toLowerCase().includes(s.toLowerCase())) problems.push(`stdout lacks "${s}"`);
  for (const s of c.expect.stderrContains ?? []) if (!r.err.toLowerCase().includes(s.toLowerCase())) problems.push(`stderr lacks "${s}"`);
  const out = path.join(dir, 'out');
  const written = filesUnder(out);
  for (const f of written) {
    if (await leaksOutside(f)) problems.push(`${path.relative(dir, f)} contains a file from outside content/`);
    for (const s of c.expect.outputNotContains ?? []) if (containsMarker(f, s)) problems.push(`${path.relative(dir, f)} contains "${s}"`);
  }
  const pdfs = written.filter((f) => f.endsWith('.pdf'));
  if (c.expect.noOutputFiles && pdfs.length) problems.push(`wrote ${pdfs.map((f) => path.relative(dir, f)).join(', ')}`);
  for (const f of c.expect.outputFiles ?? []) {
    const p = path.join(dir, f);
    if (!existsSync(p)) problems.push(`${f} was not written`);
    else if (f.endsWith('.pdf') && !readFileSync(p).subarray(0, 5).equals(Buffer.from('%PDF-'))) problems.push(`${f} is not a PDF`);
  }
  for (const f of c.expect.absentFiles ?? []) if (existsSync(path.join(dir, f))) problems.push(`${f} is still there`);
  return problems;
}

function argsFor(given: string[]): string[] {
  const args = [...given];
  if (!args.includes('--content')) args.push('--content', 'content');
  if ((args[0] === 'build' || args[0] === 'preview') && !args.includes('--out')) args.push('--out', 'out');
  return args;
}

describe('the bad-input corpus', () => {
  it('has at least 60 well-formed cases spread over every class', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) {
      expect(c.name, c.name).toMatch(/^\d{3}-[a-z0-9-]+$/);
      expect(typeof c.what, `${c.name}: what`).toBe('string');
      expect(CLASSES, `${c.name}: class`).toContain(c.class);
      expect(Array.isArray(c.args) && c.args.length > 0, `${c.name}: args`).toBe(true);
      expect(Number.isInteger(c.expect?.exit), `${c.name}: expect.exit`).toBe(true);
      for (const d of [...(c.expect.errors ?? []), ...(c.expect.warnings ?? [])]) {
        expect(typeof d.file === 'string' && Number.isInteger(d.line) && typeof d.message === 'string', `${c.name}: ${JSON.stringify(d)}`).toBe(true);
      }
      // A case that expects a failure must say where: an exit code alone proves little.
      if (c.expect.exit === 1) expect((c.expect.errors?.length ?? 0) + (c.expect.stderrContains?.length ?? 0), `${c.name}: expected errors`).toBeGreaterThan(0);
    }
    const names = new Set(cases.map((c) => c.name.slice(0, 3)));
    expect(names.size, 'case numbers are unique').toBe(cases.length);
    for (const k of CLASSES) expect(cases.filter((c) => c.class === k).length, `cases of class ${k}`).toBeGreaterThanOrEqual(3);
  });
});

describe('bad inputs get a clear answer', () => {
  let pool: CliPool;
  let compiled: ReturnType<typeof compileCli>;

  beforeAll(() => {
    // Reproducible PDFs, for the cases that compare bytes (workers copy the environment when started).
    process.env.SOURCE_DATE_EPOCH = '1733788800';
    compiled = compileCli();
    pool = new CliPool(compiled.main);
  });
  afterAll(async () => {
    await pool?.close();
    compiled?.dispose();
  });

  /** Build the same content with other arguments in a fresh copy and compare the files named. */
  async function differences(c: BadCase, first: string): Promise<string[]> {
    const other = makeProject();
    try {
      applyEdits(other, c.files ?? {});
      const r = await pool.runFresh(argsFor(c.expect.sameAs!.args), other, c.timeoutMs ?? 60_000);
      if (r.code !== 0 || r.stopped) return [`the second build (${c.expect.sameAs!.args.join(' ')}) failed: exit ${r.code} ${r.stopped ?? ''}\n${r.err}`];
      return c.expect.sameAs!.files.flatMap((f) => {
        const [a, b] = [path.join(first, f), path.join(other, f)];
        if (!existsSync(a) || !existsSync(b)) return [`${f} missing from one of the builds`];
        const [x, y] = [readFileSync(a), readFileSync(b)];
        return x.equals(y) ? [] : [`${f} differs: ${x.length} bytes alone, ${y.length} bytes with ${c.expect.sameAs!.args.join(' ')}`];
      });
    } finally {
      removeProject(other);
    }
  }

  for (const c of cases) {
    // Permissions do not stop root, so such a case would pass or fail for the wrong reason.
    const runAs = c.skipAsRoot && process.getuid?.() === 0 ? it.skip : it.concurrent;
    runAs(`${c.name}: ${c.what}`, async () => {
      const dir = makeProject();
      try {
        applyEdits(dir, c.files ?? {});
        // Byte comparisons need each build in a fresh worker, as a user's two separate commands would be:
        // a warm worker's caches would make "alone" not alone.
        const r = await (c.expect.sameAs ? pool.runFresh : pool.run).call(pool, argsFor(c.args), dir, c.timeoutMs ?? 60_000);
        if (process.env.BAD_INPUT_TIMES) console.info(`${c.name}: ${Math.round(r.ms)} ms`);
        const problems = await problemsOf(c, dir, r);
        if (c.expect.sameAs && !problems.length) problems.push(...(await differences(c, dir)));
        expect(problems, `${c.name} (${Math.round(r.ms)} ms): ${problems.join('; ')}\n--- stdout\n${r.out.slice(0, 2000)}\n--- stderr\n${r.err.slice(0, 3000)}\n`).toEqual([]);
      } finally {
        removeProject(dir);
      }
      // Cases start together and wait for a worker: vitest's clock must not run out while they wait
      // (the worker's own time and heap limits are what stop a runaway case).
    }, 900_000);
  }
});
