// Setting paragraphs: line breaking, alignment, bidi order and font choice, asserted as data.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyphenatorFor } from '../../src/i18n/hyphenate.js';
import { loadFontBook, readFontsJson } from '../../src/layout/fonts.js';
import { isSpace, setParagraph, type TextStyle } from '../../src/layout/text.js';
import { REPO } from '../helpers/build.js';

const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
const style: TextStyle = { size: 10, leading: 1.4, color: '#000', align: 'start' };
const ltr = { book, rtl: false };
const rtl = { book, rtl: true };
const runsOf = (set: ReturnType<typeof setParagraph>) => set.lines.flatMap((l) => l.runs);

describe('setParagraph', () => {
  const text = 'Maryia stood at the front line of peaceful protests, confronting abusive police officers, and making a heart-shaped symbol with her hands in front of riot police.';

  it('breaks lines so that none is wider than the box, and keeps every word', () => {
    const set = setParagraph([{ text }], style, 150, ltr);
    expect(set.lines.length).toBeGreaterThan(4);
    for (const line of set.lines) expect(line.width).toBeLessThanOrEqual(150.01);
    const joined = set.lines.map((l) => l.runs.map((r) => r.text).join('')).join(' ');
    expect(joined.replace(/\s+/g, ' ')).toBe(text);
    expect(set.height).toBeCloseTo(set.lines.length * 14, 5);
  });

  it('aligns start to the left in LTR and to the right in RTL; centres on request', () => {
    const left = setParagraph([{ text: 'Dear Minister' }], style, 200, ltr);
    expect(left.lines[0].runs[0].x).toBe(0);
    const centre = setParagraph([{ text: 'Dear Minister' }], { ...style, align: 'center' }, 200, ltr);
    const w = centre.lines[0].width;
    expect(centre.lines[0].runs[0].x).toBeCloseTo((200 - w) / 2, 5);
    const right = setParagraph([{ text: 'السيد الوزير' }], style, 200, rtl);
    const runs = runsOf(right);
    expect(Math.max(...runs.map((r) => r.x + r.width))).toBeCloseTo(200, 3);
  });

  it('orders an RTL line visually with bidi: first Arabic word rightmost, a Latin email kept left to right in between', () => {
    const set = setParagraph([{ text: 'راسلوا mail@mfa.gov.by اليوم' }], style, 400, rtl);
    const runs = runsOf(set);
    const first = runs.find((r) => r.text === 'راسلوا')!;
    const email = runs.find((r) => r.text.includes('mail@mfa.gov.by'))!;
    const last = runs.find((r) => r.text === 'اليوم')!;
    expect(first.x).toBeGreaterThan(email.x);
    expect(email.x).toBeGreaterThan(last.x);
    expect(first.rtl).toBe(true);
    expect(email.rtl).toBe(false);
    // The Latin run is set in the Latin font, the Arabic words in the Arabic font.
    expect(email.face.family).toBe('noto-sans');
    expect(first.face.family).toBe('noto-sans-arabic');
  });

  it('justifies all lines but the last to the full width', () => {
    const set = setParagraph([{ text }], { ...style, align: 'justify' }, 180, ltr);
    for (const line of set.lines.slice(0, -1)) {
      const right = Math.max(...line.runs.map((r) => r.x + r.width));
      expect(right).toBeCloseTo(180, 1);
    }
  });

  it('hyphenates long German words in narrow boxes with the locale patterns', () => {
    const words = 'Menschenrechtsverletzungen Versammlungsfreiheit Meinungsfreiheit';
    const lineTexts = (set: ReturnType<typeof setParagraph>) => set.lines.map((l) => l.runs.map((r) => r.text).join(''));
    // Without patterns the only way to fit is to cut a word anywhere, with no hyphen.
    const plain = lineTexts(setParagraph([{ text: words }], style, 75, ltr));
    expect(plain[0]).toMatch(/^Menschenrecht/);
    expect(plain[0].endsWith('-')).toBe(false);
    const set = setParagraph([{ text: words }], style, 75, { ...ltr, hyphenate: hyphenatorFor('de') });
    expect(set.widest).toBeLessThanOrEqual(75.01);
    expect(lineTexts(set)).toEqual(['Menschen-', 'rechtsverlet-', 'zungen Ver-', 'sammlungsfrei-', 'heit Meinungs-', 'freiheit']);
  });

  it('reports characters that no configured font covers', () => {
    const set = setParagraph([{ text: 'Hello 漢字' }], style, 200, ltr);
    expect(set.missing).toEqual(['漢', '字']);
  });

  it('keeps bold spans in the bold face', () => {
    const set = setParagraph([{ text: 'Email: ', bold: true }, { text: 'mail@mfa.gov.by' }], style, 300, ltr);
    const [label, value] = runsOf(set);
    expect(label.face.key).toBe('noto-sans/bold');
    expect(value.face.key).toBe('noto-sans/regular');
    expect(value.x).toBeCloseTo(label.width, 5);
  });

  it('sets a leading run of digits and punctuation in the family of the first script after it, emoji before it or not', () => {
    const faceOf = (text: string, part: string) => runsOf(setParagraph([{ text }], style, 400, rtl)).find((r) => r.text === part)?.face.key;
    expect(faceOf('1 مرحبا بكم', '1')).toBe('noto-sans-arabic/regular');
    // An emoji is two UTF-16 units: the run's end is counted in those, as the text is indexed.
    expect(faceOf('🎵 1 مرحبا بكم', '1')).toBe('noto-sans-arabic/regular');
    expect(faceOf('🎵🎵 1 مرحبا بكم', '1')).toBe('noto-sans-arabic/regular');
  });

  // What the reader sees, left to right: each run's glyphs as the painter shapes them (an RTL run
  // right to left, its glyphs in drawn order; mirrored brackets are the characters drawn).
  const seen = (text: string) =>
    runsOf(setParagraph([{ text }], style, 600, rtl))
      .slice()
      .sort((a, b) => a.x - b.x)
      .map((r) => (r.rtl ? Array.from({ length: book.shape(r.face, r.text, 'rtl').length }, (_, i) => String.fromCodePoint(...book.shape(r.face, r.text, 'rtl').glyph(i).codePoints)).join('') : r.text))
      .join(' ');

  it('draws punctuation after a number or Latin word in RTL text where the bidi algorithm puts it', () => {
    // The full stop outside the bracket or quote: ".(2020)", never "(.2020)" or "(2020.)".
    expect(seen('قبل (2020).')).toMatch(/^\.\( 2020 \) لبق$/);
    expect(seen('قبل «abc».')).toMatch(/^\.« abc » لبق$/);
    expect(seen('בשעות (9:00–17:00).')).toMatch(/^\.\( 9:00–17:00 \) תועשב$/);
    // Arabic alone was right, and stays so.
    expect(seen('قبل (كلمة).')).toMatch(/^\.\(ةملك\) لبق$/);
  });

  it('keeps a hyphen joining an RTL word to a number or Latin word with the RTL word', () => {
    // Hebrew writes "and", "in" as a prefix joined by a hyphen: ו-2020 reads "2020-ו", never "-2020 ו".
    expect(seen('ו-ב-2020 וב-7 בספטמבר')).toBe('רבמטפסב 7 -בו 2020 -ב-ו');
    expect(seen('ב-Facebook ו-Instagram')).toBe('Instagram -ו Facebook -ב');
    // A hashtag or handle joined the same way keeps its own "#" and "@"; a minus after a space stays the number's.
    expect(seen('ו-#W4R24 ו-@BelarusMFA')).toBe('@BelarusMFA -ו #W4R24 -ו');
    expect(seen('טמפרטורה -5 מעלות')).toBe('תולעמ -5 הרוטרפמט');
  });

  it('keeps quotation marks of every kind outside a quoted Latin phrase in RTL text, one on each side', () => {
    expect(seen('היא אמרה „Love is stronger than fear” ואז')).toBe('זאו ” Love is stronger than fear „ הרמא איה');
    // Mirrored, as brackets are: the opening mark, on the right, is drawn pointing left.
    expect(seen('הוא אמר ‹Hello› ואז')).toBe('זאו ‹ Hello › רמא אוה');
  });

  it('cuts a word of thousands of letters line by line, shaping only what each line holds', () => {
    // Each line cut from it once shaped the whole rest of the word (and kept it): 4.9 million
    // characters shaped for this one, minutes and gigabytes for a pasted run of 60,000.
    const counted = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
    let shaped = 0;
    const shape = counted.shape.bind(counted);
    counted.shape = (face, text, direction) => ((shaped += text.length), shape(face, text, direction));
    const word = 'A'.repeat(20_000);
    const set = setParagraph([{ text: `Before ${word} after` }], style, 300, { book: counted, rtl: false });
    expect(set.forced).toBe(true);
    for (const line of set.lines) expect(line.width).toBeLessThanOrEqual(300.01);
    expect(set.lines.map((l) => l.runs.map((r) => r.text).join('')).join('').replace(/[\s-]/g, '')).toBe(`Before${word}after`);
    expect(shaped).toBeLessThan(1_000_000);
  });

  it('sets digits of any system left to right inside RTL text, as one run between its neighbours', () => {
    for (const [text, number] of [
      ['سال ۱۹۹۰ و ۲۰۲۴', '۱۹۹۰'],
      ['عام ١٩٩٠ و ٢٠٢٤', '١٩٩٠'],
      ['שנת 1990 ו 2024', '1990'],
    ]) {
      const runs = runsOf(setParagraph([{ text }], style, 400, rtl));
      const year = runs.find((r) => r.text === number)!;
      expect(year, text).toBeDefined();
      // Logical order, drawn left to right: the painter shapes it as an LTR run.
      expect(year.rtl).toBe(false);
      const [first, , and] = text.split(' ');
      const firstRun = runs.find((r) => r.text === first)!;
      const andRun = runs.find((r) => r.text === and)!;
      // Reading right to left: the first word, then the number, then "and".
      expect(firstRun.x).toBeGreaterThan(year.x);
      expect(year.x).toBeGreaterThan(andRun.x);
      // Reading order of the runs (what a text extractor gets) is the order written.
      expect(runs.map((r) => r.actual ?? r.text).join(' ')).toBe(text);
    }
  });

  it('breaks Thai between words, found by Intl.Segmenter, never inside one', () => {
    const text = 'สิทธิในการมีส่วนร่วมในการปกครองประเทศของตน';
    const set = setParagraph([{ text }], style, 90, ltr);
    const lineTexts = (p: typeof set) => p.lines.map((l) => l.runs.map((r) => r.text).join(''));
    expect(set.lines.length).toBeGreaterThan(1);
    const bounds = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((s) => s.index));
    let at = 0;
    for (const line of lineTexts(set).slice(0, -1)) {
      at += line.length;
      expect(bounds.has(at), line).toBe(true);
    }
    expect(lineTexts(set).join('')).toBe(text);
  });

  it('drops a Latin space next to full-width punctuation, also across spans and as a no-break space', () => {
    const set = setParagraph([{ text: '国：', bold: true }, { text: ' ベラルーシ · X：\u00A0@by （注）' }], style, 400, ltr);
    expect(runsOf(set).map((r) => r.text).join('')).toBe('国：ベラルーシ · X：@by（注）');
  });

  it('breaks Korean at spaces only, never between the syllables of a word', async () => {
    const { lineBreaks } = await import('../../src/layout/breaks.js');
    const text = '모든 사람은 의견의 자유와 표현의 자유에 대한 권리를 가진다';
    const breaks = lineBreaks(text).map((b) => b.position);
    for (const at of breaks) expect(at === text.length || text[at - 1] === ' ', String(at)).toBe(true);
    expect(breaks.length).toBe(text.split(' ').length);
    // Japanese still breaks between characters, and keeps "、" off the start of a line.
    const ja = lineBreaks('人権は、すべての人のもの').map((b) => b.position);
    expect(ja).toContain(1); // 人|権
    expect(ja).not.toContain(3); // never before 、
    expect(ja).toContain(4); // after it
  });
});

describe('no single word on the last line', () => {
  const words = (line: { runs: { text: string }[] }) => line.runs.map((r) => r.text).join('').trim().split(/\s+/).length;
  const text = 'The government did not approve of Maryia’s political activism and therefore did not respect their rights to peaceful assembly and freedom of expression.';

  it('brings a second word down where the last line would hold one, changing only the last break', () => {
    // Find widths where the greedy fill leaves one word alone on the last line.
    let checked = 0;
    for (let width = 120; width <= 400; width += 2) {
      const set = setParagraph([{ text }], style, width, ltr);
      const lines = set.lines;
      if (lines.length < 2) continue;
      expect(words(lines.at(-1)!), `width ${width}`).toBeGreaterThanOrEqual(2);
      for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 0.01);
      const joined = lines.map((l) => l.runs.map((r) => r.text).join('')).join(' ');
      expect(joined.replace(/\s+/g, ' ')).toBe(text);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('leaves a lone word where moving one would leave the line above with one word too', () => {
    const set = setParagraph([{ text: 'Extraordinarily long' }], style, 80, ltr);
    expect(set.lines.map((l) => l.runs.map((r) => r.text).join('').trim())).toEqual(['Extraordinarily', 'long']);
  });
});

describe('white space, read by code point', () => {
  it('is exactly what /\\s/ matches, for every code point', () => {
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) if (isSpace(cp) !== /\s/.test(String.fromCodePoint(cp))) differ.push(cp.toString(16));
    expect(differ).toEqual([]);
  });
});

describe('a script set by language', () => {
  // As content/fonts.yaml may say: Latin in German documents in another family than in the others'.
  const config = readFontsJson(path.join(REPO, 'fonts', 'fonts.json'));
  config.families['noto-sans-jp'] = { regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf', bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf' };
  config.scripts = { ...config.scripts, 'Latin:de': 'noto-sans-jp', 'Han:zh-Hant': 'noto-sans-jp' };
  const byLanguage = loadFontBook(config);

  it('takes the family of the document’s language, by its most specific key, and the script’s own elsewhere', () => {
    expect(byLanguage.familyForScript('Latin', 'de')).toBe('noto-sans-jp');
    expect(byLanguage.familyForScript('Latin', 'de-AT')).toBe('noto-sans-jp');
    expect(byLanguage.familyForScript('Latin', 'fr')).toBe('noto-sans');
    expect(byLanguage.familyForScript('Latin')).toBe('noto-sans');
    // zh-TW is written in Traditional characters: "Han:zh-Hant" by the tag's likely script.
    expect(byLanguage.familyForScript('Han', 'zh-TW')).toBe('noto-sans-jp');
    expect(byLanguage.familyForScript('Han', 'zh-CN')).toBe(config.scripts.Han);
  });

  it('sets a paragraph of a German document in it, and a French one in the script’s own', () => {
    const face = (locale: string) => runsOf(setParagraph([{ text: 'Maryia Kalesnikava' }], style, 400, { book: byLanguage, rtl: false, locale }))[0].face.key;
    expect(face('de')).toBe('noto-sans-jp/regular');
    expect(face('fr')).toBe('noto-sans/regular');
  });
});
