// Typst's side of the peer benchmark, in a fresh process as `workshop-pack build` is: start the
// compiler with the Noto fonts, compile every .typ file of a folder (written by run.js) to PDF and
// write it. Prints { documents, pages, seconds, errors } as JSON; seconds count from process start.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const [dir, fonts] = [process.argv[2], JSON.parse(process.argv[3])];
const compiler = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontPaths: fonts }] });
let pages = 0;
const errors = [];
const files = readdirSync(dir).filter((f) => f.endsWith('.typ'));
for (const file of files) {
  const result = compiler.compile({ mainFileContent: readFileSync(path.join(dir, file), 'utf8') });
  const doc = result.result;
  if (!doc || result.hasError()) {
    errors.push(`${file}: ${JSON.stringify(result.takeDiagnostics()?.shortDiagnostics?.slice(0, 2) ?? 'no document')}`);
    continue;
  }
  pages += doc.numOfPages;
  writeFileSync(path.join(dir, file.replace(/\.typ$/, '.pdf')), compiler.pdf(doc));
}
console.log(JSON.stringify({ documents: files.length - errors.length, pages, seconds: performance.now() / 1000 + 0, errors }));
