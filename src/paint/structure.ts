// The tagged PDF: every drawn thing is either content of a structure element or an artifact.
// Layout gives content items a path of structure elements (src/layout/structure.ts); while the
// painter draws, this wraps each content item in a marked-content sequence and records it under
// its path, and draws everything else (rules, tints, cut lines, footers, the outline glyphs of
// shaped text) as artifacts. At the end the paths become the structure tree, siblings in the
// order layout numbered them: the reading order is the content's, not the drawing's.
//
// pdfkit has the parts (marked content, structure elements, the parent tree); what it does not
// know is that content is drawn before the tree is built, which only matters for link
// annotations (see `finish`).
import { scriptOf } from '../layout/fonts.js';
import type { StructPath, StructStep } from '../layout/structure.js';

type Element = PDFKit.PDFStructureElement;
type Content = ReturnType<PDFKit.PDFDocument['markStructureContent']>;

/** A marked-content sequence drawn for an element, or a link (its element is made when drawn). */
type Entry = ({ kind: 'content'; content: Content; lang?: string } | { kind: 'link'; element: Element; key: string; page: unknown }) & {
  /** The document page it is on: an element's content is read page by page, whatever order pages are drawn in. */
  order: number;
};

interface Node {
  step: StructStep;
  children: Map<string, Node>;
  entries: Entry[];
}

const newNode = (step: StructStep): Node => ({ step, children: new Map(), entries: [] });
const keyOf = (s: StructStep) => `${s.role}:${s.n}`;

// The script a language is written in, and the language a run in another script is taken to be
// in: a Latin address or handle in Arabic text is English to a screen reader, unless content
// says otherwise (it cannot yet). Japanese is written in three scripts.
const SCRIPTS_OF_LANGUAGE: Record<string, string[]> = {
  ar: ['Arabic'], fa: ['Arabic'], ur: ['Arabic'], he: ['Hebrew'], yi: ['Hebrew'],
  ru: ['Cyrillic'], be: ['Cyrillic'], uk: ['Cyrillic'], bg: ['Cyrillic'], sr: ['Cyrillic'], mk: ['Cyrillic'], kk: ['Cyrillic'],
  el: ['Greek'], hy: ['Armenian'], ka: ['Georgian'], hi: ['Devanagari'], mr: ['Devanagari'], ne: ['Devanagari'],
  bn: ['Bengali'], th: ['Thai'], ja: ['Han', 'Hiragana', 'Katakana'], zh: ['Han'], ko: ['Hangul', 'Han'],
};
const LANGUAGE_OF_SCRIPT: Record<string, string> = {
  Latin: 'en', Cyrillic: 'ru', Greek: 'el', Arabic: 'ar', Hebrew: 'he', Devanagari: 'hi', Bengali: 'bn', Thai: 'th',
  Han: 'zh', Hiragana: 'ja', Katakana: 'ja', Hangul: 'ko', Armenian: 'hy', Georgian: 'ka',
};

/**
 * The language of a run written wholly in another script than the document's, for its /Lang. A
 * run that mixes in the document's own script ("Amnesty International — это …", drawn as one run
 * where one font covers both) is read in the document's language, written in the scripts `own`.
 */
function runLanguage(text: string, own: string[]): string | undefined {
  let other: string | undefined;
  for (const ch of text) {
    const script = scriptOf(ch);
    if (script === 'Common') continue;
    if (own.includes(script)) return undefined;
    other ??= script;
  }
  return other ? LANGUAGE_OF_SCRIPT[other] : undefined;
}

export class StructureWriter {
  private root = newNode({ role: 'Div', n: 0 });
  /** The marked-content sequence left open for more of the same: artifacts, or one figure's shapes. */
  private open?: 'artifact' | StructPath;
  /** The document page being drawn (a booklet draws them out of order). */
  page = 0;

  /** The scripts the document's language is written in (asked for every run of text drawn). */
  private scripts: string[];

  constructor(
    private doc: PDFKit.PDFDocument,
    lang: string,
  ) {
    this.scripts = SCRIPTS_OF_LANGUAGE[lang.split('-')[0].toLowerCase()] ?? ['Latin'];
  }

  /** Decoration: drawn inside an artifact sequence (one sequence for a row of them). */
  artifact(draw: () => void): void {
    if (this.open !== 'artifact') {
      this.close();
      this.doc.markContent('Artifact');
      this.open = 'artifact';
    }
    draw();
  }

  /** Shapes of a figure (a photo, a logo, a QR code's modules): one sequence for a row of them. */
  shape(path: StructPath, draw: () => void): void {
    if (this.open !== path) {
      this.close();
      const node = this.nodeAt(path);
      node.entries.push({ kind: 'content', content: this.doc.markStructureContent(node.step.role), order: this.page });
      this.open = path;
    }
    draw();
  }

  /** Close the open sequence (artifacts, a figure's shapes): before content, at the end of a group or a page. */
  close(): void {
    if (this.open) this.doc.endMarkedContent();
    this.open = undefined;
  }

  /**
   * Content of the element at `path`: drawn in its own marked-content sequence. Text in another
   * script than the document's is a Span with its language. A link's text and annotation make a
   * Link element, returned so that the annotation can name it as its parent.
   */
  content(path: StructPath, draw: () => void, text?: { text: string; link?: string }): Element | undefined {
    this.close();
    const node = this.nodeAt(path);
    const lang = text ? this.languageOf(text.text) : undefined;
    if (text?.link) {
      const page = (this.doc as unknown as { page: unknown }).page;
      const key = `${JSON.stringify(path)}|${text.link}`;
      const last = node.entries.at(-1);
      // One Link for the lines of one link on one page (each line has its own annotation).
      const element = last?.kind === 'link' && last.page === page && last.key === key ? last.element : this.doc.struct('Link', lang ? { lang } : {});
      const content = this.doc.markStructureContent('Link');
      draw();
      this.doc.endMarkedContent();
      element.add(content);
      if (element !== (last?.kind === 'link' ? last.element : undefined)) node.entries.push({ kind: 'link', element, key, page, order: this.page });
      return element;
    }
    // Right-to-left text is stored in drawing order, as in every RTL PDF: extractors put it back in
    // reading order. (An ActualText with the logical text would be read instead by poppler, which
    // then places it as if drawn left to right: the words come out scattered.)
    const content = this.doc.markStructureContent(lang ? 'Span' : node.step.role);
    draw();
    this.doc.endMarkedContent();
    node.entries.push({ kind: 'content', content, order: this.page, ...(lang ? { lang } : {}) });
    return undefined;
  }

  /**
   * Whether two runs of text would be content of the same element in the same language: then
   * one marked-content sequence can hold both (the words of an RTL line, one item each).
   */
  sameContent(a: StructPath, aText: string, b: StructPath, bText: string): boolean {
    if (a !== b && (a.length !== b.length || a.some((s, i) => s !== b[i] && keyOf(s) !== keyOf(b[i])))) return false;
    return this.languageOf(aText) === this.languageOf(bText);
  }

  /** runLanguage of a text, once per text and document: a word is asked for each time it is drawn. */
  private languages = new Map<string, string | undefined>();
  private languageOf(text: string): string | undefined {
    if (this.languages.has(text)) return this.languages.get(text);
    const lang = runLanguage(text, this.scripts);
    this.languages.set(text, lang);
    return lang;
  }

  private nodeAt(path: StructPath): Node {
    let node = this.root;
    for (const step of path) {
      const key = keyOf(step);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = newNode(step)));
      node = child;
    }
    return node;
  }

  /** The structure tree, under one Document element; call once, after the last page. */
  finish(): void {
    this.close();
    const doc = this.doc;
    const links: { element: Element; page: unknown }[] = [];
    const build = (node: Node, role: string): Element => {
      const { alt, scope } = node.step;
      const element = doc.struct(role, { ...(alt ? { alt } : {}), ...(scope ? { scope } : {}) } as { alt?: string });
      let span: { element: Element; lang: string } | undefined;
      for (const entry of [...node.entries].sort((a, b) => a.order - b.order)) {
        if (entry.kind === 'content' && entry.lang) {
          // Consecutive runs in one other language (an address over several lines) are one Span.
          if (span?.lang !== entry.lang) element.add((span = { element: doc.struct('Span', { lang: entry.lang }), lang: entry.lang }).element);
          span.element.add(entry.content);
          continue;
        }
        span = undefined;
        if (entry.kind === 'link') {
          element.add(entry.element);
          links.push(entry);
        } else element.add(entry.content);
      }
      const children = [...node.children.values()].sort((a, b) => a.step.n - b.step.n);
      for (const child of children) element.add(build(child, child.step.role));
      return element;
    };
    const root = build(this.root, 'Document');
    doc.addStructure(root);
    // pdfkit writes a link's reference to its annotation with the page being drawn when the
    // element is written: each Link is ended (and written) with its own page as the current one.
    const current = doc as unknown as { page: unknown };
    const last = current.page;
    for (const { element, page } of links) {
      current.page = page;
      element.end();
    }
    current.page = last;
  }
}
