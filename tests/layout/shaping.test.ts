// Shaping never fails on content: a mark the font has no anchor for is placed without positioning.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFontBook, shapeText } from '../../src/layout/fonts.js';
import { REPO } from '../helpers/build.js';

describe('shapeText', () => {
  it('shapes an Arabic word whose final kasra fontkit cannot anchor (احتفِ), where plain fontkit throws', () => {
    const book = loadFontBook(path.join(REPO, 'fonts', 'fonts.json'));
    const font = book.face(book.familyForScript('Arabic')!, { bold: true, italic: false }).font;
    expect(() => font.layout('احتفِ')).toThrow(TypeError);
    const run = shapeText(font, 'احتفِ');
    expect(run.glyphs.length).toBeGreaterThanOrEqual(5);
    expect(run.advanceWidth).toBeGreaterThan(0);
  });
});
