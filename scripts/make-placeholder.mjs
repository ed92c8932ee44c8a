// Makes the neutral, wordless placeholder portrait shipped with the bundled case (content/en/cases/*/photo.png).
// It is drawn with pdfkit and rasterised with poppler's pdftoppm, a development tool only:
//   node scripts/make-placeholder.mjs content/en/cases/maryia-kalesnikava/photo.png
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const target = process.argv[2];
if (!target) throw new Error('usage: node scripts/make-placeholder.mjs OUT.png');
const dir = mkdtempSync(path.join(tmpdir(), 'placeholder-'));
const pdf = path.join(dir, 'p.pdf');
const W = 400, H = 300;
const doc = new PDFDocument({ size: [W, H], margin: 0 });
const stream = doc.pipe(createWriteStream(pdf));
doc.rect(0, 0, W, H).fill('#d9d9d9');
// Diagonal hatching marks the picture as not a photograph.
doc.save().lineWidth(1).strokeColor('#cfcfcf');
for (let x = -H; x < W; x += 14) doc.moveTo(x, H).lineTo(x + H, 0).stroke();
doc.restore();
// A neutral head-and-shoulders silhouette.
doc.circle(W / 2, 112, 46).fill('#a6a6a6');
doc.moveTo(W / 2 - 100, H).bezierCurveTo(W / 2 - 100, 190, W / 2 + 100, 190, W / 2 + 100, H).fill('#a6a6a6');
// No words in the picture: the handouts print a label in the reader's language over it
// (strings: placeholder) wherever the case says `photo.placeholder: true`.
doc.end();
await new Promise((resolve) => stream.on('finish', resolve));
execFileSync('pdftoppm', ['-png', '-r', '144', '-singlefile', pdf, path.join(dir, 'out')]);
renameSync(path.join(dir, 'out.png'), target);
console.log(`wrote ${target}`);
