// Reading our PDFs back the way a reader's software does (pdf.js): the text of each page with
// positions, page sizes, the outline, and the embedded fonts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  str: string;
  x: number;
  /** From the top of the page, like our layout. */
  y: number;
  width: number;
  height: number;
  fontName: string;
}

export interface PdfPage {
  width: number;
  height: number;
  items: PdfText[];
  text: string;
}

export interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

export interface ReadPdf {
  pages: PdfPage[];
  outline: OutlineEntry[];
  /** BaseFont names of embedded fonts, e.g. "ABCDEF+NotoSans-Bold". */
  fonts: string[];
  /** Whether every font has its program embedded (a FontFile2 per descriptor). */
  allFontsEmbedded: boolean;
  text: string;
  /** The text without the running footers: a paragraph that runs onto the next page reads on. */
  bodyText: string;
  info: Record<string, unknown>;
  viewerDirection?: string;
  /** /ViewerPreferences as pdf.js reads them (Duplex: Simplex, DuplexFlipLongEdge, …). */
  viewerPreferences: Record<string, unknown>;
}

/** The running footer sits in the bottom margin, below this distance from the page's foot. */
export const FOOTER_ZONE = 50;

export async function readPdf(file: string): Promise<ReadPdf> {
  const bytes = readFileSync(file);
  const raw = bytes.toString('latin1');
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const items: PdfText[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str === '') continue;
      items.push({
        str: it.str,
        x: it.transform[4],
        y: y1 - it.transform[5],
        width: it.width,
        height: it.height,
        fontName: it.fontName,
      });
    }
    pages.push({ width: x1 - x0, height: y1 - y0, items, text: items.map((i) => i.str).join(' ') });
  }
  const outline: OutlineEntry[] = [];
  const convert = async (entries: Awaited<ReturnType<typeof doc.getOutline>>): Promise<OutlineEntry[]> => {
    const out: OutlineEntry[] = [];
    for (const e of entries ?? []) {
      let page = -1;
      const dest = typeof e.dest === 'string' ? await doc.getDestination(e.dest) : e.dest;
      if (Array.isArray(dest) && dest[0]) page = (await doc.getPageIndex(dest[0] as never)) + 1;
      out.push({ title: e.title, page, children: await convert(e.items) });
    }
    return out;
  };
  outline.push(...(await convert(await doc.getOutline())));
  const meta = await doc.getMetadata();
  const viewerPreferences = ((await doc.getViewerPreferences()) ?? {}) as Record<string, unknown>;
  const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[^\s/>]+)/g)].map((m) => m[1]);
  const descriptors = (raw.match(/\/Type \/FontDescriptor/g) ?? []).length;
  const programs = (raw.match(/\/FontFile2 /g) ?? []).length;
  await doc.destroy();
  return {
    pages,
    outline,
    fonts: [...new Set(fonts)],
    allFontsEmbedded: descriptors > 0 && descriptors === programs,
    text: pages.map((p) => p.text).join('\n'),
    bodyText: pages.map((p) => p.items.filter((i) => i.y < p.height - FOOTER_ZONE).map((i) => i.str).join(' ')).join('\n'),
    info: meta.info as Record<string, unknown>,
    viewerDirection: /\/Direction \/R2L/.test(raw) ? 'R2L' : undefined,
    viewerPreferences,
  };
}

/** Compare text regardless of line breaks and hyphenation: drop whitespace, hyphens and soft hyphens. */
export function squash(text: string): string {
  return text.replace(/[\s\u00AD\-‐]/g, '');
}

/** poppler's pdftotext, a second extractor independent of pdf.js (CI installs it; tests skip where it is absent). */
export const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * The text pdftotext extracts from a PDF, in UTF-8 (`raw`: in content-stream order; `pageHeight`:
 * leave out the running footers of pages that tall).
 */
export function pdftotext(file: string, raw = false, pageHeight?: number): string {
  const crop = pageHeight ? ['-x', '0', '-y', '0', '-W', '2000', '-H', String(Math.floor(pageHeight - FOOTER_ZONE))] : [];
  return execFileSync('pdftotext', [...(raw ? ['-raw'] : []), ...crop, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
