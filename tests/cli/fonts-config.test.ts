// Fonts a content folder names in its own fonts.yaml (no package edit), and the missing-font
// errors a translator gets: one per script and file, with the remedy.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyContent, REPO, tempDir } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';

const JP = path.join(REPO, 'node_modules/@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
const JP_BOLD = path.join(REPO, 'node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf');

/** English plus the Japanese proof locale, without the bundled content/fonts.yaml. */
function japanese(fontsYaml?: string): string {
  const dir = copyContent(['en', 'ja']);
  if (fontsYaml !== undefined) writeFileSync(path.join(dir, 'content', 'fonts.yaml'), fontsYaml);
  return dir;
}
const build = (dir: string, ...docs: string[]) => cli(['build', '--no-bundled', '--case', 'maryia-kalesnikava', '--locale', 'ja', '--doc', docs.join(',') || 'udhr', '--out', path.join(dir, 'out')], dir);

/** A TrueType collection of the given fonts (what Debian's Noto CJK ships): one file, one table set each. */
function collection(fonts: string[]): Buffer {
  const parsed = fonts.map((f) => {
    const b = readFileSync(f);
    const n = b.readUInt16BE(4);
    const tables = Array.from({ length: n }, (_, i) => {
      const at = 12 + i * 16;
      return { tag: b.subarray(at, at + 4), sum: b.readUInt32BE(at + 4), data: b.subarray(b.readUInt32BE(at + 8), b.readUInt32BE(at + 8) + b.readUInt32BE(at + 12)) };
    });
    return { head: b.subarray(0, 12), tables };
  });
  const headerSize = 12 + 4 * fonts.length;
  const dirSizes = parsed.map((p) => 12 + 16 * p.tables.length);
  let offset = headerSize + dirSizes.reduce((a, b) => a + b, 0);
  const parts: Buffer[] = [];
  const header = Buffer.alloc(headerSize);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  const dirs: Buffer[] = [];
  const data: Buffer[] = [];
  let dirAt = headerSize;
  parsed.forEach((p, i) => {
    header.writeUInt32BE(dirAt, 12 + 4 * i);
    dirAt += dirSizes[i];
    const dir = Buffer.alloc(dirSizes[i]);
    p.head.copy(dir, 0);
    p.tables.forEach((t, k) => {
      const at = 12 + k * 16;
      t.tag.copy(dir, at);
      dir.writeUInt32BE(t.sum, at + 4);
      dir.writeUInt32BE(offset, at + 8);
      dir.writeUInt32BE(t.data.length, at + 12);
      const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
      t.data.copy(padded);
      data.push(padded);
      offset += padded.length;
    });
    dirs.push(dir);
  });
  parts.push(header, ...dirs, ...data);
  return Buffer.concat(parts);
}

describe('missing fonts', () => {
  it('gives one error per script and file, naming the script, the first line, the count and the remedy', async () => {
    const dir = japanese();
    const r = await build(dir, 'udhr', 'story');
    expect(r.code).toBe(1);
    const errors = r.err.split('\n').filter((l) => /^content\/.*:\d+: /.test(l));
    // strings.yaml, udhr.md and the case: one error each (one Japanese font fixes Han, Hiragana and Katakana).
    expect(errors).toHaveLength(3);
    expect(errors.some((l) => l.startsWith('content/ja/cases/maryia-kalesnikava/case.md:'))).toBe(true);
    expect(r.err.split('\n').length).toBeLessThan(25);
    const udhr = errors.find((l) => l.startsWith('content/ja/udhr.md:'))!;
    expect(udhr).toMatch(/^content\/ja\/udhr\.md:3: no font for Han, Hiragana and Katakana text: first "世" \(U\+4E16, \d+ different characters, [\d,]+ in all\)$/);
    expect(r.err).toContain('npm install @expo-google-fonts/noto-sans-jp');
    expect(r.err).toContain('regular: npm:@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');
    expect(r.err).toContain('Han: noto-sans-jp');
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
  });

  it('checks a file edited between two builds of one process again, as edited', async () => {
    // One process (a translator's preview) remembers what it found in each text: never in an edited one.
    const dir = japanese();
    const udhr = path.join(dir, 'content', 'ja', 'udhr.md');
    const first = await build(dir);
    expect(first.err).toMatch(/content\/ja\/udhr\.md:3: no font for Han, Hiragana and Katakana text: first "世"/);
    const lines = readFileSync(udhr, 'utf8').split('\n');
    expect(lines[2]).toBe('title: 世界人権宣言');
    writeFileSync(udhr, [...lines.slice(0, 2), 'title: Universal Declaration of Human Rights', ...lines.slice(3)].join('\n'));
    const edited = await build(dir);
    expect(edited.err).not.toContain('content/ja/udhr.md:3:');
    expect(edited.err).toMatch(/content\/ja\/udhr\.md:4: no font for Han, Hiragana and Katakana text: first "や"/);
  });

  it('names the font for the language: Traditional Chinese gets a Traditional Chinese font, Korean a Korean one', async () => {
    const dir = copyContent(['en']);
    for (const [locale, text] of [['zh-Hant', '世界人權宣言'], ['ko', '세계 인권 선언']]) {
      mkdirSync(path.join(dir, 'content', locale));
      writeFileSync(path.join(dir, 'content', locale, 'strings.yaml'), `translation: {status: draft}\nstrings:\n  doc.udhr: ${text}\n`);
    }
    const zh = await cli(['build', '--no-bundled', '--locale', 'zh-Hant', '--doc', 'udhr', '--out', path.join(dir, 'out')], dir);
    expect(zh.err).toContain('content/zh-Hant/strings.yaml:3: no font for Han text: first "世"');
    expect(zh.err).toContain('npm install @expo-google-fonts/noto-sans-tc');
    const ko = await cli(['build', '--no-bundled', '--locale', 'ko', '--doc', 'udhr', '--out', path.join(dir, 'out')], dir);
    expect(ko.err).toContain('content/ko/strings.yaml:3: no font for Hangul text: first "세"');
    expect(ko.err).toContain('npm install @expo-google-fonts/noto-sans-kr');
  });

  it('check groups them the same way', async () => {
    const dir = japanese();
    const r = await cli(['check', '--no-bundled', '--case', 'maryia-kalesnikava', '--locale', 'ja'], dir);
    expect(r.code).toBe(1);
    const fontErrors = (r.out + r.err).split('\n').filter((l) => l.includes('no font for'));
    expect(fontErrors).toHaveLength(3);
  });
});

describe('content/fonts.yaml', () => {
  it('adds a font file from inside the content folder, and the Japanese builds with its text intact', async () => {
    const dir = japanese('families:\n  jp:\n    regular: file:fonts/jp.ttf\n    bold: file:fonts/jp-bold.ttf\nscripts:\n  Han: jp\n  Hiragana: jp\n  Katakana: jp\nfallback: [jp]\n');
    mkdirSync(path.join(dir, 'content', 'fonts'));
    copyFileSync(JP, path.join(dir, 'content', 'fonts', 'jp.ttf'));
    copyFileSync(JP_BOLD, path.join(dir, 'content', 'fonts', 'jp-bold.ttf'));
    const r = await build(dir, 'udhr');
    expect(r.err.split('\n').filter((l) => /^\S+:\d+: (?!warning:)/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.code).toBe(0);
    const pdf = await readPdf(path.join(dir, 'out', 'maryia-kalesnikava', 'ja', 'udhr.pdf'));
    expect(pdf.text).toContain('世界人権宣言');
    // The fonts folder beside the locales is not a locale.
    const all = await cli(['build', '--no-bundled', '--doc', 'udhr', '--out', path.join(dir, 'all')], dir);
    expect(all.code).toBe(0);
    expect(readdirSync(path.join(dir, 'all', 'maryia-kalesnikava')).sort()).toEqual(['en', 'ja']);
  });

  it('opens one font of a collection (.ttc), by index or by PostScript name', async () => {
    const dir = japanese('families:\n  jp:\n    regular: "file:fonts/jp.ttc#0"\n    bold: "file:fonts/jp.ttc#NotoSansJP-Bold"\nscripts:\n  Han: jp\n  Hiragana: jp\n  Katakana: jp\nfallback: [jp]\n');
    mkdirSync(path.join(dir, 'content', 'fonts'));
    writeFileSync(path.join(dir, 'content', 'fonts', 'jp.ttc'), collection([JP, JP_BOLD]));
    const r = await build(dir, 'udhr');
    expect(r.err.split('\n').filter((l) => /^\S+:\d+: (?!warning:)/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    const pdf = await readPdf(path.join(dir, 'out', 'maryia-kalesnikava', 'ja', 'udhr.pdf'));
    expect(pdf.text).toContain('人権');
    expect(pdf.fonts.some((f) => f.endsWith('+NotoSansJP-Bold'))).toBe(true);
  });

  it('checks a font file once while it is unchanged, kept for later processes, and again once it changes', async () => {
    const dir = japanese('families:\n  jp:\n    regular: file:fonts/jp.ttf\nscripts:\n  Han: jp\n  Hiragana: jp\n  Katakana: jp\nfallback: [jp]\n');
    mkdirSync(path.join(dir, 'content', 'fonts'));
    const font = path.join(dir, 'content', 'fonts', 'jp.ttf');
    copyFileSync(JP, font);
    const cache = tempDir('wp-font-checks-');
    const run = () =>
      new Promise<{ code: number; err: string }>((resolve) => {
        const child = execFile(process.execPath, [path.join(REPO, 'bin', 'workshop-pack.js'), 'build', '--no-bundled', '--case', 'maryia-kalesnikava', '--locale', 'ja', '--doc', 'udhr', '--force', '--out', 'out'], { cwd: dir, env: { ...process.env, XDG_CACHE_HOME: cache } }, (_e, _out, err) =>
          resolve({ code: child.exitCode ?? 1, err }),
        );
      });
    expect((await run()).code).toBe(0);
    const record = path.join(cache, 'workshop-pack', 'font-checks.json');
    const kept = JSON.parse(readFileSync(record, 'utf8')) as Record<string, { stamp: string; problem?: string }>;
    const spec = Object.keys(kept).find((k) => k.endsWith('jp.ttf'))!;
    expect(kept[spec].problem).toBeUndefined();
    // The next process takes the kept verdict (here made up) instead of opening the file.
    kept[spec].problem = 'a verdict kept by an earlier run';
    writeFileSync(record, JSON.stringify(kept));
    const again = await run();
    expect(again.code).toBe(1);
    expect(again.err).toContain('is not a font fontkit can read (a verdict kept by an earlier run)');
    // The file changed since: checked again.
    utimesSync(font, new Date(), new Date(Date.now() + 5000));
    expect((await run()).code).toBe(0);
    // A damaged record is checked again too.
    writeFileSync(record, '{"');
    expect((await run()).code).toBe(0);
  });

  it('reports a mistyped font path at its line, exit 1, no internal error', async () => {
    const dir = japanese('# fonts\nfamilies:\n  jp:\n    regular: file:fonts/NotoSansJP.ttf\nscripts:\n  Han: jp\n');
    const r = await build(dir, 'udhr');
    expect(r.code).toBe(1);
    expect(r.err).toContain('content/fonts.yaml:4: family "jp" regular: font file fonts/NotoSansJP.ttf not found');
  });

  it('refuses a font file outside the content folder, symlinks resolved', async () => {
    const dir = japanese('families:\n  jp:\n    regular: file:fonts/jp.ttf\nscripts:\n  Han: jp\n');
    mkdirSync(path.join(dir, 'content', 'fonts'));
    const outside = path.join(tempDir('wp-outside-'), 'jp.ttf');
    copyFileSync(JP, outside);
    symlinkSync(outside, path.join(dir, 'content', 'fonts', 'jp.ttf'));
    const r = await build(dir, 'udhr');
    expect(r.code).toBe(1);
    expect(r.err).toContain('content/fonts.yaml:3: family "jp" regular: font file fonts/jp.ttf is outside the content folder');
  });

  it('names an npm package file; a package not installed is a warning, and only its script’s files fail', async () => {
    const dir = japanese('families:\n  kr:\n    regular: npm:@expo-google-fonts/not-installed-font/x.ttf\nscripts:\n  Hangul: kr\n');
    cpSync(path.join(REPO, 'content', 'fr'), path.join(dir, 'content', 'fr'), { recursive: true });
    const r = await cli(['build', '--no-bundled', '--locale', 'fr', '--doc', 'udhr', '--out', path.join(dir, 'out')], dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('content/fonts.yaml:3: warning: family "kr" regular: npm package file @expo-google-fonts/not-installed-font/x.ttf is not installed');
    expect(r.err).toContain('npm install @expo-google-fonts/not-installed-font');
  });

  it('finds a system font by family name with fontconfig, and rejects one that is not installed', async () => {
    const missing = japanese('families:\n  jp:\n    regular: "system:Noto Sans CJK JP Nonexistent"\nscripts:\n  Han: jp\n');
    const r = await build(missing, 'udhr');
    expect(r.err).toMatch(/content\/fonts\.yaml:3: warning: family "jp" regular: system font "Noto Sans CJK JP Nonexistent" (is not installed|: fontconfig)/);
    expect(r.code).toBe(1); // the Japanese text still has no font
  });

  // Debian's fonts-noto-cjk: OpenType CFF fonts in .ttc collections, found through fontconfig.
  const systemCjk = (() => {
    try {
      return execFileSync('fc-match', ['--format=%{family}', 'Noto Sans CJK JP'], { encoding: 'utf8' }).split(',').includes('Noto Sans CJK JP');
    } catch {
      return false;
    }
  })();
  it.skipIf(!systemCjk)('uses a system CJK collection of CFF fonts by family name', async () => {
    const dir = japanese('families:\n  cjk:\n    regular: "system:Noto Sans CJK JP"\n    bold: "system:Noto Sans CJK JP:style=Bold"\nscripts:\n  Han: cjk\n  Hiragana: cjk\n  Katakana: cjk\nfallback: [cjk]\n');
    const r = await build(dir, 'udhr');
    expect(r.err.split('\n').filter((l) => /^\S+:\d+: (?!warning:)/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    const pdf = await readPdf(path.join(dir, 'out', 'maryia-kalesnikava', 'ja', 'udhr.pdf'));
    expect(pdf.text).toContain('世界人権宣言');
    expect(pdf.fonts.some((f) => f.includes('NotoSansCJKjp'))).toBe(true);
  });
});
