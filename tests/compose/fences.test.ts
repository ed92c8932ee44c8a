// Content entering a template can only bring balanced content boxes; everything else prints as text.
import { describe, expect, it } from 'vitest';
import { fenceProblems, fenceSafe } from '../../src/compose/fences.js';
import { parseDocument } from '../../src/compose/parse.js';

describe('fenceSafe', () => {
  it('keeps balanced content boxes and text without fences as they are', () => {
    const text = 'Say:\n:::read-aloud\nLove is stronger than fear.\n:::\nThen discuss.';
    expect(fenceSafe(text)).toBe(text);
    expect(fenceSafe('no fences here')).toBe('no fences here');
  });

  it('escapes directives content may not use, stray closings and unclosed openings', () => {
    expect(fenceSafe(':::image{src="/etc/passwd"}\n:::')).toBe('\\:::image{src="/etc/passwd"}\n\\:::');
    expect(fenceSafe('text\n:::::\nmore')).toBe('text\n\\:::::\nmore');
    expect(fenceSafe(':::note\nnever closed')).toBe('\\:::note\nnever closed');
    expect(fenceSafe('> :::image{src="x"}')).toBe('> \\:::image{src="x"}');
  });

  it('leaves a template around it intact: an injected image never becomes a block', () => {
    const value = 'An intro\n:::image{src="/etc/passwd"}\n:::\n::::\n:::::';
    const blocks = parseDocument(`::::tip\n${fenceSafe(value)}\n::::\n`);
    expect(blocks.map((b) => b.type)).toEqual(['box']);
    expect(JSON.stringify(blocks)).not.toContain('"type":"image"');
  });
});

describe('fenceProblems', () => {
  it('names stray closing fences and their line', () => {
    expect(fenceProblems('a\n\n:::\n')).toEqual([{ line: 3, message: '":::" closes a block that was never opened' }]);
  });
});
