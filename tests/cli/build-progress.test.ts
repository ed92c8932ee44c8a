// What `build` prints while it works, as a user's script or terminal gets it: plain lines through a
// pipe, JSON objects with --json, a live line on a terminal; and --jobs, which must not change a
// byte of the PDFs, a line of the output or the exit code. Runs the compiled CLI in a child process
// (workers run compiled JavaScript; npm ci compiles dist/ through `prepare`).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReporter } from '../../src/commands/progress.js';
import type { BuildResult } from '../../src/commands/build.js';
import { copyContent, REPO, tempDir } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';

const EPOCH = '1733788800';

function workshopPack(args: string[], cwd = REPO): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [path.join(REPO, 'bin', 'workshop-pack.js'), ...args], { cwd, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH }, maxBuffer: 1 << 24 }, (e, out, err) =>
      resolve({ code: child.exitCode ?? (e ? 1 : 0), out, err }),
    );
  });
}

/** Every PDF under a folder, by path relative to it. */
function pdfs(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.pdf')) {
      const file = path.join(entry.parentPath, entry.name);
      found.set(path.relative(dir, file), readFileSync(file));
    }
  return found;
}

describe('build progress through a pipe', () => {
  it('prints one plain line per document and a summary, without terminal codes', async () => {
    const out = tempDir('wp-plain-');
    const r = await workshopPack(['build', '--locale', 'en', '--doc', 'story', '--out', out]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    const story = path.relative(REPO, path.join(out, 'maryia-kalesnikava', 'en', 'story.pdf'));
    expect(lines.filter((l) => l.startsWith(`wrote ${story} (`))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith(`wrote ${story}`))).toMatch(/ \(\d+ pages?, a4\)$/);
    expect(lines.at(-1)).toMatch(/^\d+ documents?, \d+ pages? in \d+\.\d\d s/);
    expect(r.out).not.toMatch(/[\r\x1b]/);
  });

  it('with --json, prints only JSON objects on stdout: one per document, then a summary', async () => {
    const out = tempDir('wp-json-');
    const r = await workshopPack(['build', '--locale', 'en', '--doc', 'story', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const objects = r.out.trimEnd().split('\n').map((line) => JSON.parse(line));
    const documents = objects.filter((o) => o.type === 'document');
    expect(documents.length).toBe(2); // the story of each bundled case
    const maryia = documents.find((d) => d.case === 'maryia-kalesnikava');
    expect(maryia).toMatchObject({ status: 'built', locale: 'en', doc: 'story', file: path.relative(REPO, path.join(out, 'maryia-kalesnikava', 'en', 'story.pdf')) });
    // What the object says is what the PDF has.
    expect((await readPdf(path.join(REPO, maryia.file))).pages.length).toBe(maryia.pages);
    const summary = objects.at(-1);
    expect(summary).toMatchObject({ type: 'summary', built: documents.filter((d) => d.status === 'built').length, errors: 0 });
    expect(summary.pages).toBe(documents.reduce((n, d) => n + (d.pages ?? 0), 0));
    // Diagnostics still reach the user, on stderr.
    expect(r.err).toContain('warning: the photo of Maryia Kalesnikava is a placeholder image');
    // The same build again: every document unchanged (the build cache), said as such; warnings said again.
    const again = await workshopPack(['build', '--locale', 'en', '--doc', 'story', '--json', '--out', out]);
    const second = again.out.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(second.filter((o) => o.type === 'document').map((o) => o.status)).toEqual(documents.map(() => 'unchanged'));
    expect(second.at(-1)).toMatchObject({ type: 'summary', built: 0, unchanged: documents.length, errors: 0 });
    expect(again.err).toContain('warning: the photo of Maryia Kalesnikava is a placeholder image');
  });
});

describe('build --jobs', () => {
  it('gives the same PDFs, lines, diagnostics and exit code with 1 and 2 workers', async () => {
    // Two cases in two locales (four cases × locales: two workers), one of them broken.
    const dir = copyContent(['en', 'fr']);
    const broken = path.join(dir, 'content/fr/cases/maryia-kalesnikava/case.md');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace(/^country: (.*)$/m, 'country: [$1'));
    const run = (jobs: string) => workshopPack(['build', '--locale', 'en,fr', '--doc', 'story,udhr', '--jobs', jobs, '--out', `out${jobs}`], dir).then((r) => ({ ...r, files: pdfs(path.join(dir, `out${jobs}`)) }));
    const one = await run('1');
    const two = await run('2');
    expect(one.code).toBe(1);
    expect(one.err).toMatch(/^content\/fr\/cases\/maryia-kalesnikava\/case\.md:\d+: broken YAML/m);
    expect(two.code).toBe(one.code);
    expect(two.err).toBe(one.err);
    const timeless = (s: string) => s.replace(/ in \d+\.\d\d s/, ' in … s').replace(/\bout[12]\//g, 'out/');
    expect(timeless(two.out)).toBe(timeless(one.out));
    expect([...two.files.keys()].sort()).toEqual([...one.files.keys()].sort());
    expect(one.files.size).toBe(6); // 2 documents × 3 cases × locales that load
    for (const [file, bytes] of one.files) expect(two.files.get(file)!.equals(bytes), file).toBe(true);
  }, 600_000);

  it.each(['0', 'two', '1.5'])('refuses --jobs %s (exit 2)', async (jobs) => {
    const r = await workshopPack(['build', '--jobs', jobs]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected a whole number of workers');
  });
});

describe('build progress on a terminal', () => {
  it('rewrites one line in place (done/total, document, time left), prints notes above it, and clears it at the end', () => {
    const screen: string[] = [];
    let clock = 0;
    const io = { out: (l: string) => screen.push(l + '\n'), err: () => {}, cwd: REPO, terminal: { write: (t: string) => screen.push(t), columns: 60 } };
    const reporter = buildReporter(io, 'live', () => clock);
    const written = { file: path.join(REPO, 'out/x/en/story.pdf'), caseId: 'x', locale: 'en', doc: 'story' as const, pages: 2, paper: 'a4' as const, fallbacks: [] };
    clock = 1000;
    reporter.onProgress({ done: 1, total: 4, written, line: 'wrote out/x/en/story.pdf (2 pages, a4)' });
    reporter.log('removed 1 temporary file');
    clock = 2000;
    reporter.onProgress({ done: 2, total: 4, skipped: { caseId: 'x', locale: 'en', doc: 'letter', reason: 'no letter' }, line: 'not built: out/x/en/letter.pdf: no letter' });
    reporter.end();
    reporter.finish({ written: [written], unchanged: [], skipped: [], diagnostics: [], seconds: 2 } satisfies BuildResult, 0);
    const text = screen.join('');
    expect(text.startsWith('\r\x1b[Kbuilding 1/4 · x/en/story · about 0:03 left')).toBe(true);
    // A note clears the line, prints, and brings the line back.
    expect(text).toContain('\r\x1b[Kremoved 1 temporary file\n\r\x1b[Kbuilding 1/4');
    // Why a document is not built stays on screen; the documents written do not scroll past.
    expect(text).toContain('not built: out/x/en/letter.pdf: no letter\n');
    expect(text).not.toContain('wrote ');
    expect(text).toContain('building 2/4 · x/en/letter · about 0:02 left');
    expect(text.endsWith('\r\x1b[K1 document, 2 pages in 2.00 s\n')).toBe(true);
    for (const line of text.split(/[\r\n]/)) expect(line.replace('\x1b[K', '').length).toBeLessThan(60);
  });
});
