// The build cache as a user meets it: a second build does nothing, an edit rebuilds exactly the
// documents that read the edited file (in that locale), options and templates count, a PDF that
// was deleted or touched is built again, a damaged cache entry is a miss, and --force rebuilds all.
// Every build here is the real build() on a copy of the content (English and French, one case,
// two documents) in a temporary folder.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build, type BuildRequest } from '../../src/commands/build.js';
import { resetTemplates } from '../../src/compose/render.js';
import { cli, copyContent, REPO, tempDir } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

const CASE = 'maryia-kalesnikava';
let dir: string;
let request: BuildRequest;
const saved = process.env.XDG_CACHE_HOME;

beforeEach(() => {
  dir = copyContent(['en', 'fr']);
  cpSync(path.join(REPO, 'templates'), path.join(dir, 'templates'), { recursive: true });
  request = { cwd: dir, bundled: false, cases: [CASE], locales: ['en', 'fr'], docs: ['story', 'udhr'], templatesDir: 'templates', outDir: 'out', today: new Date('2026-01-01T00:00:00Z') };
});

/** Build, and say which documents were written (built) as case-less "locale/doc" names. */
async function built(extra: Partial<BuildRequest> = {}): Promise<string[]> {
  const result = await build({ ...request, ...extra });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const names = (list: { locale: string; file: string }[]) => list.map((w) => `${w.locale}/${path.basename(w.file, '.pdf')}`).sort();
  // Whatever was not built was found unchanged: every document asked for is accounted for.
  expect([...names(result.written), ...names(result.unchanged)].length).toBe((extra.docs ?? request.docs)!.length * 2);
  return names(result.written);
}

const pdf = (locale: string, doc: string) => path.join(dir, 'out', CASE, locale, `${doc}.pdf`);
const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));

describe('build cache', () => {
  it('builds nothing the second time, and leaves the PDFs as they were', async () => {
    expect(await built()).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
    const before = statSync(pdf('fr', 'story')).mtimeMs;
    const bytes = readFileSync(pdf('fr', 'story'));
    expect(await built()).toEqual([]);
    expect(statSync(pdf('fr', 'story')).mtimeMs).toBe(before);
    expect(readFileSync(pdf('fr', 'story')).equals(bytes)).toBe(true);
  });

  it('after an edit of a French file, rebuilds only the French documents that read it, with the new text', async () => {
    await built();
    // The UDHR's title is read by the UDHR page only (the story reads the case).
    edit('content/fr/udhr.md', (t) => t.replace('title: Déclaration universelle des droits de l’homme', 'title: Déclaration universelle révisée'));
    expect(await built()).toEqual(['fr/udhr']);
    expect(squash((await readPdf(pdf('fr', 'udhr'))).text)).toContain(squash('Déclaration universelle révisée'));
    // The case is read by every French document (the story, and the UDHR page's footer names the person).
    edit(`content/fr/cases/${CASE}/case.md`, (t) => t.replace('storyTitle: L’histoire de Maryia Kalesnikava', 'storyTitle: Le récit de Maryia Kalesnikava'));
    expect(await built()).toEqual(['fr/story', 'fr/udhr']);
    expect(squash((await readPdf(pdf('fr', 'story'))).text)).toContain(squash('Le récit de Maryia Kalesnikava'));
    expect(await built()).toEqual([]);
  });

  it('rebuilds a document when a translation it fell back past appears', async () => {
    const french = readFileSync(path.join(dir, 'content/fr/udhr.md'));
    rmSync(path.join(dir, 'content/fr/udhr.md'));
    await built();
    expect(squash((await readPdf(pdf('fr', 'udhr'))).text)).toContain(squash('Simplified version'));
    writeFileSync(path.join(dir, 'content/fr/udhr.md'), french);
    expect(await built()).toEqual(['fr/udhr']);
    expect(squash((await readPdf(pdf('fr', 'udhr'))).text)).toContain(squash('Version simplifiée'));
  });

  it('rebuilds the documents made from an edited template, in every locale', async () => {
    await built();
    appendFileSync(path.join(dir, 'templates/story.hbs'), '\nA line the template added.\n');
    resetTemplates(); // templates are compiled once per process
    expect(await built()).toEqual(['en/story', 'fr/story']);
    expect((await readPdf(pdf('en', 'story'))).text).toContain('A line the template added.');
  });

  it('rebuilds when an option changes the output (grayscale, paper), and again when it is dropped', async () => {
    await built();
    expect(await built({ print: { grayscale: true } })).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
    expect(await built({ print: { grayscale: true } })).toEqual([]);
    expect(await built()).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
    // Letter paper is written beside the A4 files, and remembered apart from them.
    expect(await built({ paper: 'letter' })).toEqual(['en/story.letter', 'en/udhr.letter', 'fr/story.letter', 'fr/udhr.letter']);
    expect(await built()).toEqual([]);
  });

  it('rebuilds a PDF that was deleted or altered since', async () => {
    await built();
    rmSync(pdf('en', 'story'));
    appendFileSync(pdf('fr', 'udhr'), '%');
    expect(await built()).toEqual(['en/story', 'fr/udhr']);
    expect((await readPdf(pdf('en', 'story'))).pages.length).toBeGreaterThan(0);
  });

  it('takes a truncated or damaged cache entry for a miss', async () => {
    await built();
    const entry = path.join(dir, 'out/.cache/documents', CASE, 'fr/story.pdf.json');
    truncateSync(entry, Math.floor(statSync(entry).size / 2));
    writeFileSync(path.join(dir, 'out/.cache/files.json'), '{"format": 1, "stamps": [["x", ');
    expect(await built()).toEqual(['fr/story']);
    expect(await built()).toEqual([]);
  });

  it('rebuilds everything with force', async () => {
    await built();
    expect(await built({ force: true })).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
    expect(await built()).toEqual([]);
  });

  it('says on the command line how many documents were unchanged', async () => {
    const args = ['build', '--no-bundled', '--case', CASE, '--locale', 'en', '--doc', 'story'];
    expect((await cli(args, dir)).out).toMatch(/^1 document, \d+ pages? in/m);
    const again = await cli(args, dir);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^0 documents, 0 pages in [\d.]+ s; 1 unchanged since the last build \(--force builds them again\)/m);
    expect((await cli([...args, '--force'], dir)).out).toMatch(/^1 document, \d+ pages? in [\d.]+ s$/m);
  });

  it("keeps the hashes of workshop-pack's own files (fonts, templates, code) for every output folder, and of content only in its own", async () => {
    process.env.XDG_CACHE_HOME = tempDir('wp-user-cache-');
    try {
      await built({ templatesDir: undefined });
      // One file for this install (this checkout) in the user's cache folder.
      const sharedDir = path.join(process.env.XDG_CACHE_HOME, 'workshop-pack', 'package-files');
      expect(readdirSync(sharedDir)).toHaveLength(1);
      const sharedFile = path.join(sharedDir, readdirSync(sharedDir)[0]);
      const stampsIn = (file: string): string[] => JSON.parse(readFileSync(file, 'utf8')).stamps.map(([f]: [string]) => f);
      const shared = stampsIn(sharedFile);
      expect(shared).toContain(path.join(REPO, 'templates', 'story.hbs'));
      expect(shared.some((f: string) => /NotoSans_400Regular\.ttf$/.test(f))).toBe(true);
      expect(shared.filter((f: string) => f.startsWith(dir))).toEqual([]);
      // Another install's file (as on a machine with several) is its own, and stays.
      const other = path.join(sharedDir, 'another-install.json');
      const stamp = { size: 1, mtimeMs: 1, ino: 1, hash: 'x', racy: false };
      writeFileSync(other, JSON.stringify({ format: 1, stamps: [['/elsewhere/node_modules/workshop-pack/templates/story.hbs', stamp]] }));
      // A build into another folder answers from them, and its own cache holds its content's and
      // the tool's files it used.
      expect(await built({ templatesDir: undefined, outDir: 'out2' })).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
      const own = stampsIn(path.join(dir, 'out2', '.cache', 'files.json'));
      expect(own).toContain(path.join(dir, 'content', 'fr', 'cases', CASE, 'case.md'));
      expect(own).toContain(path.join(REPO, 'templates', 'story.hbs'));
      expect(own.filter((f) => f.startsWith('/elsewhere/'))).toEqual([]);
      expect(existsSync(other)).toBe(true);
      // A build that hashed none of the tool's files again leaves the shared file as it was.
      const before = statSync(sharedFile).mtimeMs;
      expect(await built({ templatesDir: undefined, outDir: 'out2', force: true })).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
      expect(statSync(sharedFile).mtimeMs).toBe(before);
      expect(await built({ templatesDir: undefined, outDir: 'out2' })).toEqual([]);
      // With the user's cache folder emptied, the output folder still answers for them: none is hashed again.
      process.env.XDG_CACHE_HOME = tempDir('wp-user-cache-emptied-');
      expect(await built({ templatesDir: undefined, outDir: 'out2', force: true })).toEqual(['en/story', 'en/udhr', 'fr/story', 'fr/udhr']);
      expect(existsSync(path.join(process.env.XDG_CACHE_HOME, 'workshop-pack', 'package-files'))).toBe(false);
      // Where the user's cache folder cannot be written, the output folder keeps them.
      process.env.XDG_CACHE_HOME = path.join(dir, 'content', 'en', 'udhr.md'); // a file: no folder can be made in it
      await built({ templatesDir: undefined, outDir: 'out3' });
      expect(stampsIn(path.join(dir, 'out3', '.cache', 'files.json'))).toContain(path.join(REPO, 'templates', 'story.hbs'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });

  it('keeps the files of the 8 installs that last hashed their files, and lets go of the file all installs once shared', async () => {
    process.env.XDG_CACHE_HOME = tempDir('wp-user-cache-installs-');
    try {
      const cacheDir = path.join(process.env.XDG_CACHE_HOME, 'workshop-pack');
      const sharedDir = path.join(cacheDir, 'package-files');
      mkdirSync(sharedDir, { recursive: true });
      // Nine other installs, the first the oldest; and the one shared file of earlier versions.
      const others = Array.from({ length: 9 }, (_, i) => path.join(sharedDir, `install-${i}.json`));
      others.forEach((file, i) => {
        writeFileSync(file, JSON.stringify({ format: 1, stamps: [] }));
        utimesSync(file, new Date(2020, 0, 1 + i), new Date(2020, 0, 1 + i));
      });
      writeFileSync(path.join(cacheDir, 'package-files.json'), JSON.stringify({ format: 1, stamps: [] }));
      // A first build into a new folder hashes workshop-pack's own files: this install's file is written.
      await built({ templatesDir: undefined, outDir: 'out-installs' });
      const left = readdirSync(sharedDir).sort();
      expect(left).toHaveLength(8);
      // This install's, and the seven newest others: the two oldest went.
      expect(left.filter((f) => f.startsWith('install-'))).toEqual(others.slice(2).map((f) => path.basename(f)));
      expect(existsSync(path.join(cacheDir, 'package-files.json'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
