// Reading a tagged PDF's structure the way assistive technology does (pdf.js, Firefox's reader):
// the structure tree of each page, the text of each marked-content sequence it points at, and
// what is drawn as an artifact or outside any marked content.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  alt?: string;
  lang?: string;
  children: StructNode[];
  /** Text of the node's own marked content, in order (leaves). */
  text: string[];
  /** Link annotations the node holds. */
  annotations: number;
}

export interface TaggedPage {
  /** The page's structure tree (the elements with content on this page), under Document. */
  roots: StructNode[];
  /** Text drawn as artifacts. */
  artifacts: string[];
  /** Text drawn outside any marked content: must be none in a tagged PDF. */
  unmarked: string[];
  /** Text in marked content that no structure element points at. */
  orphans: string[];
}

export interface Leaf {
  /** Roles from the top of the tree down to the element holding the text. */
  roles: string[];
  text: string;
  /** The nearest language set on the way down. */
  lang?: string;
}

type RawNode = { role?: string; alt?: string; lang?: string; type?: string; id?: string; children?: RawNode[] };

export async function readTagged(file: string): Promise<TaggedPage[]> {
  const bytes = readFileSync(file);
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: TaggedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string[]>();
    const artifacts: string[] = [];
    const unmarked: string[] = [];
    const stack: { tag?: string; id?: string }[] = [];
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') stack.push({ tag: (item as { tag?: string }).tag, id: (item as { id?: string }).id });
        else if (item.type === 'endMarkedContent') stack.pop();
        continue;
      }
      if (!('str' in item) || !item.str) continue;
      const top = stack.at(-1);
      if (!top) unmarked.push(item.str);
      else if (stack.some((m) => m.tag === 'Artifact')) artifacts.push(item.str);
      else if (top.id) byId.set(top.id, [...(byId.get(top.id) ?? []), item.str]);
      else unmarked.push(item.str);
    }
    const used = new Set<string>();
    const convert = (raw: RawNode): StructNode => {
      const node: StructNode = { role: raw.role ?? '', ...(raw.alt !== undefined ? { alt: raw.alt } : {}), ...(raw.lang ? { lang: raw.lang } : {}), children: [], text: [], annotations: 0 };
      for (const kid of raw.children ?? []) {
        if (kid.type === 'content') {
          used.add(kid.id!);
          node.text.push((byId.get(kid.id!) ?? []).join(''));
          // Keep the order of text and elements: text is held as a leaf node.
          node.children.push({ role: '#text', children: [], text: [(byId.get(kid.id!) ?? []).join('')], annotations: 0 });
        } else if (kid.type === 'annotation' || kid.type === 'object') node.annotations++; // pdf.js calls a link's annotation an object
        else if (kid.type !== 'object') node.children.push(convert(kid));
      }
      return node;
    };
    const tree = (await page.getStructTree()) as RawNode | null;
    const roots = (tree?.children ?? []).map(convert);
    const orphans = [...byId.entries()].filter(([id]) => !used.has(id)).flatMap(([, t]) => t);
    pages.push({ roots, artifacts, unmarked, orphans });
  }
  await doc.destroy();
  return pages;
}

/** The text leaves in tree order, page after page: what a screen reader reads, in its order. */
export function leaves(pages: TaggedPage[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: StructNode, roles: string[], lang?: string) => {
    if (node.role === '#text') {
      out.push({ roles, text: node.text[0], ...(lang ? { lang } : {}) });
      return;
    }
    for (const child of node.children) walk(child, [...roles, node.role], node.lang ?? lang);
  };
  for (const page of pages) for (const root of page.roots) walk(root, []);
  return out;
}

/** Every element of the trees, depth first. */
export function elements(pages: TaggedPage[]): StructNode[] {
  const out: StructNode[] = [];
  const walk = (node: StructNode) => {
    if (node.role === '#text') return;
    out.push(node);
    node.children.forEach(walk);
  };
  for (const page of pages) page.roots.forEach(walk);
  return out;
}
