// The font configuration a content tree may carry: content/fonts.yaml, merged over the package's
// fonts/fonts.json, so a section adds a script's font without editing the package. Each font file
// is named by where it comes from:
//   npm:@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf   an installed npm package
//   file:fonts/MyFont.ttf                 a file inside the content root (symlinks resolved)
//   system:Noto Sans CJK JP:style=Bold    a system font, found by fontconfig's fc-match
// A collection (.ttc/.otc) takes the font's PostScript name or index after "#":
//   file:fonts/NotoSansCJK.ttc#NotoSansCJKjp-Regular
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Node } from 'yaml';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { fontFileOf, loadFontBook, readFont, readFontsJson, type FontBook, type FontConfig } from '../layout/fonts.js';
import { fontCodeStamp } from '../layout/shape-store.js';
import { writeAtomically } from '../pipeline/write.js';
import { userCacheDir } from '../user-cache.js';
import { refusal, resolveInside } from './confine.js';
import type { ContentRoot } from './load.js';

export const FONTS_FILE = 'fonts.yaml';
const VARIANTS = ['regular', 'bold', 'italic', 'boldItalic'] as const;

export interface ConfiguredFonts {
  book: FontBook;
  diagnostics: Diagnostic[];
}

/**
 * The font book for a content root: the fonts.json configuration, then the fonts.yaml of each
 * content layer over it (the bundled content's first, the project's last, as for every other file).
 */
export function fontBookFor(root: ContentRoot, bundledFile: string): ConfiguredFonts {
  let config = readFontsJson(bundledFile);
  const diagnostics: Diagnostic[] = [];
  for (const layer of [...root.layers].reverse()) {
    const file = path.join(layer.dir, FONTS_FILE);
    if (!lstatSync(file, { throwIfNoEntry: false })) continue;
    // Inside the content folder, as every file content names: a link out is refused, not read.
    const inside = resolveInside(layer.dir, layer.dir, FONTS_FILE);
    if (!inside.ok) {
      diagnostics.push(error(root.display(file), 0, refusal(inside.reason, FONTS_FILE), 'put the file itself in the content folder, not a link to it'));
      continue;
    }
    const read = readContentFonts(file, { ...root, dir: layer.dir }, config);
    config = read.config;
    diagnostics.push(...read.diagnostics);
  }
  return { book: loadFontBook(config), diagnostics };
}

function readContentFonts(file: string, root: ContentRoot, bundled: FontConfig): { config: FontConfig; diagnostics: Diagnostic[] } {
  const shown = root.display(file);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const diagnostics: Diagnostic[] = doc.errors.map((e) => error(shown, e.linePos?.[0].line ?? 1, e.message.split('\n')[0]));
  const config: FontConfig = {
    ...bundled,
    families: { ...bundled.families },
    scripts: { ...bundled.scripts },
    fallback: [...bundled.fallback],
  };
  if (diagnostics.length || !isMap(doc.contents)) {
    if (!diagnostics.length && doc.contents) diagnostics.push(error(shown, 1, 'expected the keys families, scripts, default, fallback'));
    return { config, diagnostics };
  }
  const top = doc.contents;
  for (const pair of top.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!['families', 'scripts', 'default', 'fallback'].includes(key)) {
      diagnostics.push(error(shown, lineOf(pair.key as Node), `unknown key "${key}"`, 'the keys are families, scripts, default and fallback'));
    }
  }
  const families = top.get('families', true);
  const unavailable = new Set<string>();
  if (isMap(families)) {
    for (const pair of families.items) {
      const name = String((pair.key as { value: unknown }).value);
      const variants = pair.value;
      if (!isMap(variants)) {
        diagnostics.push(error(shown, lineOf(pair.key as Node), `family "${name}": expected regular: and optionally bold:, italic:, boldItalic:`));
        continue;
      }
      const files: Record<string, string> = {};
      for (const v of variants.items) {
        const variant = String((v.key as { value: unknown }).value);
        const at = lineOf(v.value as Node);
        if (!(VARIANTS as readonly string[]).includes(variant)) {
          diagnostics.push(error(shown, lineOf(v.key as Node), `family "${name}": unknown style "${variant}"`, `the styles are ${VARIANTS.join(', ')}`));
          continue;
        }
        const source = isScalar(v.value) ? String(v.value.value) : '';
        const resolved = resolveFontSource(source, root);
        // A package or system font not installed on this machine only matters to the locales that
        // need its script: they get the missing-font error; every other locale still builds.
        if ('problem' in resolved) diagnostics.push((resolved.absent ? warning : error)(shown, at, `family "${name}" ${variant}: ${resolved.problem}`, resolved.hint));
        else {
          const unreadable = whyNotAFont(resolved.spec);
          if (unreadable === undefined) files[variant] = resolved.spec;
          else diagnostics.push(error(shown, at, `family "${name}" ${variant}: ${source} is not a font fontkit can read (${unreadable})`, 'use a TrueType or OpenType file (.ttf, .otf, .ttc, .otc); WOFF2 and variable fonts are not supported'));
        }
      }
      if (!files.regular) {
        if (!diagnostics.some((d) => d.message.startsWith(`family "${name}"`))) diagnostics.push(error(shown, lineOf(pair.key as Node), `family "${name}" has no regular: font`));
        unavailable.add(name);
        continue;
      }
      config.families[name] = files as unknown as FontConfig['families'][string];
    }
  } else if (families) diagnostics.push(error(shown, lineOf(families as Node), 'families: expected a map of family names'));

  const known = (fam: string) => fam in config.families;
  const scripts = top.get('scripts', true);
  if (isMap(scripts)) {
    for (const pair of scripts.items) {
      const script = String((pair.key as { value: unknown }).value);
      const family = isScalar(pair.value) ? String(pair.value.value) : '';
      if (unavailable.has(family)) continue;
      if (!known(family)) diagnostics.push(error(shown, lineOf(pair.value as Node), `script ${script}: unknown family "${family}"`, `define it under families:, or use one of ${Object.keys(config.families).join(', ')}`));
      else config.scripts[script] = family;
    }
  }
  const fallback = top.get('fallback', true);
  if (fallback && 'items' in (fallback as object)) {
    for (const item of (fallback as unknown as { items: Node[] }).items) {
      const family = isScalar(item) ? String(item.value) : '';
      if (unavailable.has(family)) continue;
      if (!known(family)) diagnostics.push(error(shown, lineOf(item), `fallback: unknown family "${family}"`));
      else if (!config.fallback.includes(family)) config.fallback.push(family);
    }
  }
  const def = top.get('default', true);
  if (isScalar(def)) {
    if (known(String(def.value))) config.default = String(def.value);
    else diagnostics.push(error(shown, lineOf(def), `default: unknown family "${String(def.value)}"`));
  }
  return { config, diagnostics };
}

type Resolved = { spec: string } | { problem: string; hint?: string; absent?: boolean };

// Checking a font opens it with fontkit, which reads the whole file (11 MB for the two Japanese
// faces the bundled fonts.yaml names): once while the file is unchanged, not in every process nor on
// every build of a long-running one (preview --watch builds on every save). What was found is kept
// in the user cache folder by the file's stat and the font code's (a damaged record: checked again).
type Checked = { stamp: string; problem: string | undefined };
let checkedFonts: Map<string, Checked> | undefined;
const CHECKED_FILE = () => path.join(userCacheDir(), 'font-checks.json');

function checked(): Map<string, Checked> {
  if (!checkedFonts) {
    checkedFonts = new Map();
    try {
      const kept = JSON.parse(readFileSync(CHECKED_FILE(), 'utf8')) as Record<string, Checked>;
      for (const [spec, c] of Object.entries(kept))
        if (typeof c?.stamp === 'string' && (c.problem === undefined || typeof c.problem === 'string')) checkedFonts.set(spec, c);
    } catch {
      // none kept yet, or damaged: checked again
    }
  }
  return checkedFonts;
}

function keepChecked(fonts: Map<string, Checked>): void {
  try {
    writeAtomically(CHECKED_FILE(), Buffer.from(JSON.stringify(Object.fromEntries([...fonts].slice(-500)))));
  } catch {
    // a read-only cache folder: checked again next time
  }
}

/** Why fontkit cannot open a font file spec, or undefined when it can. */
function whyNotAFont(spec: string): string | undefined {
  let stamp = '';
  try {
    const s = statSync(fontFileOf(spec));
    stamp = `${fontCodeStamp()}|${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
  } catch {
    // not there, or not resolvable: readFont says so
  }
  const fonts = checked();
  const known = fonts.get(spec);
  if (known && stamp && known.stamp === stamp) return known.problem;
  let problem: string | undefined;
  try {
    readFont(spec);
  } catch (e) {
    problem = (e as Error).message;
  }
  if (stamp) {
    fonts.delete(spec);
    fonts.set(spec, { stamp, problem });
    keepChecked(fonts);
  }
  return problem;
}

/** A font source of fonts.yaml → an absolute file path (with "#name" or "#index" for a collection). */
export function resolveFontSource(source: string, root: ContentRoot): Resolved {
  const m = /^(npm|file|system):(.+)$/.exec(source.trim());
  if (!m) return { problem: `"${source}" does not say where the font comes from`, hint: 'write npm:<package>/<file>, file:<path inside the content folder> or system:<font family name>' };
  const [, kind, rest] = m;
  const [name, member] = splitMember(rest);
  if (kind === 'npm') {
    for (const base of [path.join(root.dir, 'package.json'), path.join(process.cwd(), 'package.json'), import.meta.url]) {
      try {
        return { spec: createRequire(base).resolve(name) + member };
      } catch {
        // not installed where this base looks; try the next
      }
    }
    const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
    return { problem: `npm package file ${name} is not installed`, hint: `run: npm install ${pkg}`, absent: true };
  }
  if (kind === 'file') {
    const abs = path.resolve(root.dir, name);
    if (!existsSync(abs)) return { problem: `font file ${name} not found in ${root.display(root.dir)}`, hint: 'the path is relative to the content folder' };
    const real = realpathSync(abs);
    const rootReal = realpathSync(root.dir);
    if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return { problem: `font file ${name} is outside the content folder`, hint: 'copy the font into the content folder' };
    return { spec: real + member };
  }
  return systemFont(name, member);
}

function splitMember(rest: string): [string, string] {
  const hash = rest.lastIndexOf('#');
  return hash > 0 ? [rest.slice(0, hash), rest.slice(hash)] : [rest, ''];
}

/** fontconfig's best match for a family name, rejected when it is another family (fc-match always answers). */
function systemFont(pattern: string, member: string): Resolved {
  let out: string;
  try {
    out = execFileSync('fc-match', ['--format=%{file}\n%{index}\n%{family}', pattern], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return { absent: true, problem: `system font "${pattern}": fontconfig (fc-match) is not available here`, hint: 'name the font file instead: file:<path inside the content folder> or npm:<package>/<file>' };
  }
  const [file, index, families] = out.split('\n');
  const wanted = pattern.split(':')[0].trim().toLowerCase();
  if (!file || !families.toLowerCase().split(',').some((f) => f.trim() === wanted)) {
    return { problem: `system font "${pattern.split(':')[0]}" is not installed (fontconfig offers ${families || 'nothing'} instead)`, hint: 'install it (for example apt-get install fonts-noto-cjk) or name a font file', absent: true };
  }
  return { spec: file + (member || (/\.(ttc|otc)$/i.test(file) ? `#${index || 0}` : '')) };
}
