// A section's logo, read and checked once: an SVG is parsed into a small subset of vector shapes
// (paths, rectangles, circles, ellipses, polygons and polylines with solid fills, in groups) that the
// painter draws as vectors; a PNG or JPEG is probed like any photo. Anything else an SVG may hold
// (text, images, gradients, transforms, styles, scripts) is a clear error at its line: the logo is
// content, and content is untrusted.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync, statSync } from 'node:fs';
import { ContentError, error } from '../diagnostics.js';
import { probeImage } from './image-probe.js';
import { decodeContent } from './read-text.js';

/** One filled shape, as SVG path data in the logo's own coordinates. */
export interface LogoShape {
  d: string;
  fill: string;
  evenOdd: boolean;
}

export type Logo =
  | { kind: 'svg'; file: string; width: number; height: number; viewBox: [number, number, number, number]; shapes: LogoShape[] }
  | { kind: 'bitmap'; file: string; width: number; height: number };

/** More shapes than this is not a logo drawn for print (or it is an attack): refused. */
export const MAX_LOGO_SHAPES = 2000;

const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline']);
/** Elements that carry no drawing: skipped. */
const IGNORED = new Set(['title', 'desc', 'metadata']);
/** Attributes that change nothing we draw (ids, classes for editors, namespaces, editor metadata). */
const HARMLESS_ATTR = /^(id|class|version|xmlns(:.*)?|xml:space|data-.*|aria-.*|role|(inkscape|sodipodi):.*|width|height|viewBox|x|y|rx|ry|cx|cy|r|d|points|fill|fill-rule|fill-opacity|opacity|stroke|preserveAspectRatio|baseProfile)$/;
const UNSUPPORTED_HINT =
  'draw the logo with paths, rectangles, circles and polygons filled with plain colours (in Inkscape: Path › Object to Path, then save as "Plain SVG"), or give a PNG';

const cache = new Map<string, { mtime: number; size: number; logo: Logo }>();
/** Logos by absolute path, for layout: only a logo loaded (and checked) here can be drawn. */
const loaded = new Map<string, Logo>();

export function loadedLogo(absolute: string): Logo | undefined {
  return loaded.get(absolute);
}

/** Read and check a logo file; `file` is how messages name it. Throws a ContentError. */
export function readLogo(absolute: string, file: string): Logo {
  const stat = statSync(absolute);
  const hit = cache.get(absolute);
  if (hit && hit.mtime === stat.mtimeMs && hit.size === stat.size) return hit.logo;
  const logo = /\.svg$/i.test(absolute) ? parseSvg(decodeContent(readFileSync(absolute), file), absolute, file) : bitmap(absolute, file);
  cache.set(absolute, { mtime: stat.mtimeMs, size: stat.size, logo });
  loaded.set(absolute, logo);
  return logo;
}

function bitmap(absolute: string, file: string): Logo {
  const probe = probeImage(absolute);
  if (!probe.ok) throw new ContentError([error(file, 0, `the logo ${probe.problem}`, probe.hint)]);
  return { kind: 'bitmap', file: absolute, width: probe.image.width, height: probe.image.height };
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@')!;

/** Line of every start tag, in document order (comments blanked out, their lines kept). */
function startTagLines(source: string): number[] {
  const blanked = source.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const lines: number[] = [];
  for (const m of blanked.matchAll(/<[A-Za-z_]/g)) lines.push(blanked.slice(0, m.index).split('\n').length);
  return lines;
}

const num = (v: string | undefined, fallback = 0) => {
  if (v === undefined) return fallback;
  const n = Number(v.trim().replace(/px$/, ''));
  return Number.isFinite(n) ? n : NaN;
};

const NAMED: Record<string, string> = { black: '#000000', white: '#ffffff' };

/** A solid fill: #rgb, #rrggbb, black, white or none (inherited from the group when absent). */
function fillOf(value: string | undefined, inherited: string): string | undefined {
  if (value === undefined) return inherited;
  const v = value.trim().toLowerCase();
  if (v === 'none' || NAMED[v] || /^#[0-9a-f]{6}$/.test(v)) return NAMED[v] ?? v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return undefined;
}

const PATH_DATA = /^[MmLlHhVvCcSsQqTtAaZz0-9eE.,+\-\s]*$/;

function shapePath(tag: string, a: Record<string, string>): string | string {
  const f = (n: number) => +n.toFixed(4);
  switch (tag) {
    case 'path':
      return a.d ?? '';
    case 'rect': {
      const [x, y, w, h] = [num(a.x), num(a.y), num(a.width), num(a.height)];
      const rx = Math.min(num(a.rx ?? a.ry), w / 2);
      const ry = Math.min(num(a.ry ?? a.rx), h / 2);
      if ([x, y, w, h, rx, ry].some(Number.isNaN)) return 'NaN';
      if (!rx || !ry) return `M${f(x)} ${f(y)}H${f(x + w)}V${f(y + h)}H${f(x)}Z`;
      return `M${f(x + rx)} ${f(y)}H${f(x + w - rx)}A${f(rx)} ${f(ry)} 0 0 1 ${f(x + w)} ${f(y + ry)}V${f(y + h - ry)}A${f(rx)} ${f(ry)} 0 0 1 ${f(x + w - rx)} ${f(y + h)}H${f(x + rx)}A${f(rx)} ${f(ry)} 0 0 1 ${f(x)} ${f(y + h - ry)}V${f(y + ry)}A${f(rx)} ${f(ry)} 0 0 1 ${f(x + rx)} ${f(y)}Z`;
    }
    case 'circle':
    case 'ellipse': {
      const [cx, cy] = [num(a.cx), num(a.cy)];
      const rx = tag === 'circle' ? num(a.r) : num(a.rx);
      const ry = tag === 'circle' ? num(a.r) : num(a.ry);
      if ([cx, cy, rx, ry].some(Number.isNaN)) return 'NaN';
      return `M${f(cx - rx)} ${f(cy)}A${f(rx)} ${f(ry)} 0 1 0 ${f(cx + rx)} ${f(cy)}A${f(rx)} ${f(ry)} 0 1 0 ${f(cx - rx)} ${f(cy)}Z`;
    }
    default: {
      const points = (a.points ?? '').trim().split(/[\s,]+/).map(Number);
      if (points.length < 4 || points.length % 2 || points.some(Number.isNaN)) return 'NaN';
      const pairs = Array.from({ length: points.length / 2 }, (_, i) => `${f(points[2 * i])} ${f(points[2 * i + 1])}`);
      return `M${pairs.join('L')}${tag === 'polygon' ? 'Z' : ''}`;
    }
  }
}

export function parseSvg(source: string, absolute: string, file: string): Logo {
  const problem = (line: number, message: string, hint = UNSUPPORTED_HINT) => new ContentError([error(file, line, message, hint)]);
  // No document type declarations: entities are how XML files expand to gigabytes.
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(source);
  if (doctype) throw problem(source.slice(0, doctype.index).split('\n').length, 'the logo declares a DOCTYPE or ENTITY, which a logo does not need', 'remove the <!DOCTYPE …> line (export as "Plain SVG")');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw problem(valid.err.line, `the logo is not well-formed SVG: ${valid.err.msg}`, 'open it in a vector editor and save it again');
  let doc: XmlNode[];
  try {
    doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, processEntities: false, ignoreDeclaration: true, ignorePiTags: true }).parse(source) as XmlNode[];
  } catch (e) {
    // The parser's own limits (more than 100 elements inside each other): a problem of the file.
    throw problem(1, `the logo cannot be read: ${(e as Error).message}`, 'open it in a vector editor, flatten its groups and save it again');
  }
  const lines = startTagLines(source);
  let index = 0; // start tags seen, in document order: the line of the current element
  const root = doc.find((n) => tagOf(n) !== '#text');
  if (!root || tagOf(root) !== 'svg') throw problem(lines[0] ?? 1, 'the logo is not an SVG file (no <svg> element)', 'save the logo as SVG or PNG');
  const ra = root[':@'] ?? {};
  const box = ra.viewBox?.trim().split(/[\s,]+/).map(Number) ?? [0, 0, num(ra.width, NaN), num(ra.height, NaN)];
  if (box.length !== 4 || box.some((n) => !Number.isFinite(n)) || box[2] <= 0 || box[3] <= 0)
    throw problem(lines[0] ?? 1, 'the logo needs a viewBox (or a width and a height in plain numbers)', 'add viewBox="0 0 W H" to the <svg> element');
  const shapes: LogoShape[] = [];

  const walk = (nodes: XmlNode[], inherited: string, inheritedRule: string | undefined) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === '#text') {
        if (String(node[tag]).trim()) throw problem(lines[Math.max(0, index - 1)] ?? 1, 'the logo has text outside any element', 'remove it');
        continue;
      }
      const line = lines[index++] ?? 1;
      const a = node[':@'] ?? {};
      const kids = (node[tag] as XmlNode[]) ?? [];
      if (IGNORED.has(tag)) {
        // Skip their contents, counting the start tags inside so later lines stay right.
        const count = (ns: XmlNode[]): number => ns.reduce((n, k) => (tagOf(k) === '#text' ? n : n + 1 + count((k[tagOf(k)] as XmlNode[]) ?? [])), 0);
        index += count(kids);
        continue;
      }
      if (tag !== 'g' && tag !== 'svg' && !SHAPES.has(tag)) throw problem(line, `<${tag}> is not supported in a logo (only <g>, <path>, <rect>, <circle>, <ellipse>, <polygon> and <polyline> with plain fills)`);
      if (tag === 'svg' && node !== root) throw problem(line, 'a nested <svg> is not supported in a logo');
      for (const key of Object.keys(a)) {
        if (key === 'style' || key === 'transform' || key === 'clip-path' || key === 'mask' || key === 'filter' || /^(xlink:)?href$/.test(key))
          throw problem(line, `<${tag} ${key}="…"> is not supported in a logo (no styles, transforms, clips, masks, filters or links)`);
        if (!HARMLESS_ATTR.test(key)) throw problem(line, `<${tag}>: the attribute "${key}" is not supported in a logo`);
      }
      if (a.stroke !== undefined && a.stroke.trim() !== 'none') throw problem(line, `<${tag}>: strokes are not supported in a logo, only fills`);
      if (a.opacity !== undefined || a['fill-opacity'] !== undefined) {
        const o = Number(a.opacity ?? a['fill-opacity']);
        if (o !== 1) throw problem(line, `<${tag}>: transparency is not supported in a logo (print needs solid colours)`);
      }
      const fill = fillOf(a.fill, inherited);
      if (fill === undefined) throw problem(line, `<${tag}>: fill="${a.fill}" is not a plain colour (write #rrggbb, #rgb, black, white or none)`);
      const rule = a['fill-rule'] ?? inheritedRule;
      if (tag === 'g' || tag === 'svg') {
        walk(kids, fill, rule);
        continue;
      }
      if (kids.some((k) => tagOf(k) !== '#text')) throw problem(line, `<${tag}> has elements inside it, which a logo's shapes do not`);
      const d = shapePath(tag, a);
      if (!d || d.includes('NaN') || !PATH_DATA.test(d)) throw problem(line, `<${tag}>: its geometry is missing or not plain numbers`, 'export the logo again as "Plain SVG" with absolute sizes');
      if (fill === 'none') continue;
      if (shapes.length >= MAX_LOGO_SHAPES) throw problem(line, `the logo has more than ${MAX_LOGO_SHAPES} shapes`, 'simplify it, or give a PNG');
      shapes.push({ d, fill, evenOdd: rule === 'evenodd' });
    }
  };
  walk([root], '#000000', undefined);
  if (!shapes.length) throw problem(lines[0] ?? 1, 'the logo draws nothing (no filled shape)', UNSUPPORTED_HINT);
  return { kind: 'svg', file: absolute, width: box[2], height: box[3], viewBox: box as [number, number, number, number], shapes };
}
