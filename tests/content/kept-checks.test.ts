// Checks of texts kept between processes (src/content/kept-checks.ts): the bin run as a user runs
// it, each time in a new process, with a user cache folder of its own. A second run says what the
// first said; the kept verdicts are what it read (shown by planting a false one); an edited text is
// checked again; a damaged file, or verdicts kept by another version of the tool, are ignored.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetKeptChecks, keepChecksFor, keepEntry, keptCheck, keptEntry, saveKeptChecks } from '../../src/content/kept-checks.js';
import { copyContent, REPO, tempDir } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

function project() {
  const dir = copyContent(['en']);
  const cache = tempDir('wp-checks-cache-');
  const kept = path.join(cache, 'workshop-pack', 'text-checks.json');
  const build = () =>
    new Promise<{ code: number; err: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.join(REPO, 'bin', 'workshop-pack.js'), 'build', '--no-bundled', '--locale', 'en', '--case', 'maryia-kalesnikava', '--doc', 'story', '--force', '--out', 'out'],
        { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: cache } },
        (e, _out, err) => resolve({ code: e ? Number(e.code) : 0, err }),
      ),
    );
  return { dir, kept, build };
}

describe('texts checked by an earlier process', () => {
  it('are answered from what it kept, and an edited text is checked again', async () => {
    const p = project();
    const first = await p.build();
    expect(first.code).toBe(0);
    const data = JSON.parse(readFileSync(p.kept, 'utf8')) as { verdicts: [string, unknown][] };
    expect(data.verdicts.filter(([k]) => k.startsWith('markdown:')).length).toBeGreaterThan(50);
    expect(data.verdicts.some(([k]) => k.startsWith('quotes case.md:'))).toBe(true);
    const second = await p.build();
    expect(second).toEqual(first);

    // What the second process said came from the file: every Markdown text planted as broken.
    data.verdicts = data.verdicts.map(([k, v]) => [k, k.startsWith('markdown:') ? { message: 'planted', line: 1 } : v]);
    writeFileSync(p.kept, JSON.stringify(data));
    const planted = await p.build();
    expect(planted.code).toBe(1);
    expect(planted.err).toMatch(/content\/en\/cases\/maryia-kalesnikava\/case\.md:\d+: planted/);

    // The case's body edited: checked again, and it parses; the other texts still say "planted".
    const caseFile = path.join(p.dir, 'content', 'en', 'cases', 'maryia-kalesnikava', 'case.md');
    writeFileSync(caseFile, readFileSync(caseFile, 'utf8').replace(/\n*$/, '\n\nOne more sentence.\n'));
    const edited = await p.build();
    expect(edited.err).not.toMatch(/case\.md:\d+: planted/);
    expect(edited.err).toMatch(/strings\.yaml:\d+: string "[^"]+": planted/);

    // A damaged file is no verdict at all.
    writeFileSync(p.kept, readFileSync(p.kept, 'utf8').slice(0, 100));
    const damaged = await p.build();
    expect(damaged.code).toBe(0);
    expect(damaged.err).not.toContain('planted');
  });
});

describe("a locale's translation notes worked out by an earlier process", () => {
  const fr = (dir: string, cache: string, out: string) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [path.join(REPO, 'bin', 'workshop-pack.js'), 'build', '--no-bundled', '--locale', 'fr', '--case', 'maryia-kalesnikava', '--doc', 'udhr', '--out', out],
        { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: cache } },
        (e, _out, err) => (e ? reject(new Error(err)) : resolve(err)),
      ),
    );
  const outdated = (err: string) => err.split('\n').filter((l) => l.includes('outdated'));

  it('are said again in any output folder, and worked out again when the English changes', async () => {
    const dir = copyContent(['en', 'fr']);
    const cache = tempDir('wp-notes-cache-');
    const kept = path.join(cache, 'workshop-pack', 'text-checks.json');
    expect(outdated(await fr(dir, cache, 'out1'))).toEqual([]);
    // Planted: a second output folder (no build cache of its own) says what the kept notes say.
    const data = JSON.parse(readFileSync(kept, 'utf8')) as { verdicts: [string, unknown][] };
    const notes = data.verdicts.filter(([k]) => k.startsWith('locale notes:'));
    expect(notes).toHaveLength(1);
    notes[0][1] = [{ file: 'content/fr', line: 0, severity: 'warning', message: 'planted outdated note' }];
    writeFileSync(kept, JSON.stringify(data));
    expect(outdated(await fr(dir, cache, 'out2'))).toEqual(['content/fr: warning: planted outdated note']);
    // The English changed: worked out again, in a new output folder too.
    const udhr = path.join(dir, 'content', 'en', 'udhr.md');
    writeFileSync(udhr, readFileSync(udhr, 'utf8').replace('Freedom from slavery', 'Freedom from slavery and servitude'));
    expect(outdated(await fr(dir, cache, 'out3'))).toEqual(['content/fr: warning: prints outdated translations (the English changed since): udhr.md']);
    expect(outdated(await fr(dir, cache, 'out4'))).toEqual(['content/fr: warning: prints outdated translations (the English changed since): udhr.md']);
  });
});

describe('kept checks', () => {
  const cacheHome = process.env.XDG_CACHE_HOME;
  afterEach(() => {
    forgetKeptChecks();
    process.env.XDG_CACHE_HOME = cacheHome;
  });

  it('are kept for one version of the tool, and checked again by another', () => {
    process.env.XDG_CACHE_HOME = tempDir('wp-checks-unit-');
    let calls = 0;
    const length = (text: string) => (calls++, text.length);
    const isNumber = (v: unknown): v is number => typeof v === 'number';
    keepChecksFor('tool-a');
    expect(keptCheck('length', 'abc', length, isNumber)).toBe(3);
    expect(keptCheck('length', 'abc', length, isNumber)).toBe(3);
    expect(calls).toBe(1);
    saveKeptChecks();
    forgetKeptChecks();
    keepChecksFor('tool-a');
    expect(keptCheck('length', 'abc', length, isNumber)).toBe(3);
    expect(calls).toBe(1);
    // Another text, another kind, another version: checked.
    expect(keptCheck('length', 'abcd', length, isNumber)).toBe(4);
    expect(keptCheck('other', 'abc', length, isNumber)).toBe(3);
    expect(calls).toBe(3);
    forgetKeptChecks();
    keepChecksFor('tool-b');
    expect(keptCheck('length', 'abc', length, isNumber)).toBe(3);
    expect(calls).toBe(4);
    // A kept value the check could not give is checked again.
    forgetKeptChecks();
    keepChecksFor('tool-c');
    keptCheck('length', 'xyz', () => 'not a number' as unknown as number, (v): v is number => true);
    expect(keptCheck('length', 'xyz', length, isNumber)).toBe(3);
  });
});

describe('a document composed by an earlier process', () => {
  it('is laid out from the blocks it kept, and from a new parse once its Markdown changed', async () => {
    const p = project();
    expect((await p.build()).code).toBe(0);
    const entries = path.join(path.dirname(p.kept), 'text-checks');
    const blocks = readdirSync(entries).map((f) => path.join(entries, f)).filter((f) => readFileSync(f, 'utf8').includes('was forcibly disappeared'));
    const story = blocks.find((f) => readFileSync(f, 'utf8').startsWith('{"format":1,"value":[{"type":'));
    expect(story).toBeDefined();
    const pdf = path.join(p.dir, 'out', 'maryia-kalesnikava', 'en', 'story.pdf');
    // Planted: the next process draws what the kept blocks say.
    writeFileSync(story!, readFileSync(story!, 'utf8').replace('was forcibly disappeared', 'was PLANTED disappeared'));
    expect((await p.build()).code).toBe(0);
    expect(squash((await readPdf(pdf)).text)).toContain(squash('Maryia was PLANTED disappeared'));
    // The case edited: its story composes to other Markdown, parsed again.
    const caseFile = path.join(p.dir, 'content', 'en', 'cases', 'maryia-kalesnikava', 'case.md');
    writeFileSync(caseFile, readFileSync(caseFile, 'utf8').replace(/\n*$/, '\n\nOne more sentence.\n'));
    expect((await p.build()).code).toBe(0);
    const text = squash((await readPdf(pdf)).text);
    expect(text).toContain(squash('Maryia was forcibly disappeared'));
    expect(text).toContain(squash('One more sentence.'));
  });
});

describe('large verdicts, a file each', () => {
  it('are bounded: past 5,000 files the oldest go, down to 4,000, and the one just kept stays', () => {
    // A user cache folder of its own: other test files' builds write theirs at the same time.
    const shared = process.env.XDG_CACHE_HOME;
    const cache = (process.env.XDG_CACHE_HOME = tempDir('wp-kept-prune-'));
    try {
      const dir = path.join(cache, 'workshop-pack', 'text-checks');
      mkdirSync(dir, { recursive: true });
      const old = new Date(Date.now() - 86_400_000);
      for (let i = 0; i < 5_000; i++) {
        const f = path.join(dir, `${String(i).padStart(64, '0')}.json`);
        writeFileSync(f, '{"format":1,"value":{}}');
        utimesSync(f, old, old);
      }
      forgetKeptChecks();
      keepChecksFor('prune-test');
      keepEntry('test', 'the newest text', { kept: true });
      saveKeptChecks();
      expect(readdirSync(dir)).toHaveLength(4_000);
      expect(keptEntry('test', 'the newest text', (v): v is { kept: boolean } => typeof v === 'object')).toEqual({ kept: true });
    } finally {
      forgetKeptChecks();
      process.env.XDG_CACHE_HOME = shared;
    }
  });
});
