// Reading a PDF's objects directly, for what pdf.js does not expose: page boxes, colour operators,
// where lines are drawn, the XMP packet and the output intent. pdfkit writes plain (uncompressed)
// object dictionaries with Flate streams, so a small reader is enough for our own files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface PdfObject {
  dict: string;
  /** The stream's bytes, inflated, as latin1 text (content streams are ASCII). */
  stream?: string;
}

export function pdfObjects(file: string): Map<number, PdfObject> {
  const bytes = readFileSync(file);
  const raw = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endobj', start);
    const body = raw.slice(start, end);
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, s);
    const dataStart = start + s + 'stream'.length + (raw[start + s + 6] === '\r' ? 2 : 1);
    const dataEnd = raw.lastIndexOf('endstream', end);
    let data = bytes.subarray(dataStart, dataEnd);
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data);
      } catch {
        data = Buffer.alloc(0);
      }
    }
    objects.set(Number(m[1]), { dict, stream: data.toString('latin1') });
  }
  return objects;
}

export interface PageBoxes {
  media: number[];
  trim?: number[];
  bleed?: number[];
  /** The page's content stream(s), inflated. */
  content: string;
}

const box = (dict: string, name: string) => {
  const m = new RegExp(`/${name} \\[([^\\]]+)\\]`).exec(dict);
  return m ? m[1].trim().split(/\s+/).map(Number) : undefined;
};

/** Every page in order (pdfkit writes one Pages node with the kids in order). */
export function pdfPages(file: string): PageBoxes[] {
  const objects = pdfObjects(file);
  const pagesNode = [...objects.values()].find((o) => /\/Type \/Pages/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesNode.dict)![1].matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return kids.map((id) => {
    const dict = objects.get(id)!.dict;
    const contents = /\/Contents (\d+) 0 R/.exec(dict);
    return { media: box(dict, 'MediaBox')!, trim: box(dict, 'TrimBox'), bleed: box(dict, 'BleedBox'), content: contents ? (objects.get(Number(contents[1]))?.stream ?? '') : '' };
  });
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** How many `q` are open when it is drawn (the painter's page flip is outside every q). */
  depth: number;
}

/** Straight segments `x y m x y l` of a content stream, in the stream's coordinates, with their nesting depth. */
export function segments(content: string): Segment[] {
  const out: Segment[] = [];
  const tokens = content.split(/\s+/);
  let depth = 0;
  const stack: string[] = [];
  let start: [number, number] | undefined;
  for (const t of tokens) {
    if (t === 'q') depth++;
    else if (t === 'Q') depth--;
    else if (t === 'm') {
      start = [Number(stack[stack.length - 2]), Number(stack[stack.length - 1])];
    } else if (t === 'l' && start) {
      out.push({ x1: start[0], y1: start[1], x2: Number(stack[stack.length - 2]), y2: Number(stack[stack.length - 1]), depth });
    }
    stack.push(t);
    if (stack.length > 8) stack.shift();
  }
  return out;
}

/** The XMP packet (pdfkit writes it uncompressed). */
export function xmp(file: string): string {
  const meta = [...pdfObjects(file).values()].find((o) => /\/Type \/Metadata/.test(o.dict));
  return meta?.stream ?? '';
}

/** Whether a command-line tool is installed (tests that use it skip otherwise). */
export function hasTool(command: string, args = ['--version']): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
