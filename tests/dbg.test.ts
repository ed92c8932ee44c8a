import path from 'node:path';
import { it } from 'vitest';
import { layoutById } from '../src/pipeline/document.js';
import { contentRoot, loadPack } from '../src/content/load.js';
import { loadFontBook } from '../src/layout/fonts.js';
const REPO='/work/wt11b';
it('dbg', () => {
  const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
  const root = contentRoot(path.join(REPO, 'content'));
  for (const l of ['en','de']) {
  const model = loadPack(root, 'maryia-kalesnikava', l);
  const r = layoutById(model, 'matching-cards', { templatesDir: path.join(REPO, 'templates'), book, paper: 'a4' });
  const sizes = r.frames.pages.map(p => [...new Set(p.items.filter(i=>i.type==='text').map(i=>(i as any).size))]);
  console.log(l, JSON.stringify(sizes), r.overflows?.map((o:any)=>o.message));
  }
});
