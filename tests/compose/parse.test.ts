// Markdown → blocks: what content may use, what templates may use, and the bounds of both.
import { describe, expect, it } from 'vitest';
import { ComposeError, isAllowedLink, parseDocument } from '../../src/compose/parse.js';

function refusal(markdown: string, content = true): { message: string; line: number } | undefined {
  try {
    parseDocument(markdown, { content });
    return undefined;
  } catch (e) {
    if (!(e instanceof ComposeError)) throw e;
    return { message: e.message, line: e.lineIn(markdown) };
  }
}

describe('parseDocument in content mode', () => {
  it('accepts the boxes meant for content', () => {
    const blocks = parseDocument('Intro\n\n:::read-aloud\nSay this.\n:::\n\n:::tip{title="Tip"}\nDo that.\n:::\n', { content: true });
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'box', 'box']);
  });

  it.each(['image{src="/etc/passwd"}', 'lines{count=3}', 'cut-sheet', 'columns', 'table', 'title{title="x"}', 'space', 'page-break'])('refuses :::%s at its line', (directive) => {
    expect(refusal(`First paragraph.\n\n:::${directive}\n:::\n`)).toEqual({ message: expect.stringContaining('is not allowed in content'), line: 3 });
  });

  it('finds directives hidden in quotes and list items', () => {
    expect(refusal('> :::image{src="/x"}\n> :::\n')?.message).toMatch(/not allowed in content/);
    expect(refusal('- item\n\n  :::image{src="/x"}\n  :::\n')?.message).toMatch(/not allowed in content|unsupported/);
  });

  it('reports an unclosed block at the line that opened it', () => {
    expect(refusal('One.\n\n:::read-aloud\nText\n\n:::tip\nMore\n:::\n')).toEqual({ message: expect.stringContaining('":::read-aloud" opened here is never closed'), line: 3 });
  });

  it('wants three-colon fences in content, so a content block never closes a template block', () => {
    expect(refusal('::::note\nx\n::::\n')?.message).toMatch(/exactly three colons/);
  });

  it('bounds nesting before marked recurses', () => {
    expect(refusal('>'.repeat(2000) + ' deep\n')?.message).toMatch(/nested too deeply/);
    expect(refusal(':::note\n'.repeat(10) + ':::\n'.repeat(10))?.message).toMatch(/nested too deeply/);
  });

  it('refuses an image written in text, at its line', () => {
    expect(refusal('One.\n\nSee ![x](/etc/passwd) here.\n')).toEqual({ message: 'an image in the text ("![x](/etc/passwd)"): photos come from the photo fields of case.md, not from text', line: 3 });
  });

  it('refuses a control character written as an entity, at its line, as one written as itself', () => {
    expect(refusal('One.\n\nab&#0;cd\n')).toEqual({ message: 'a control character written as "&#0;", which prints as nothing', line: 3 });
    expect(refusal('x &#x1B;[31m')?.message).toMatch(/"&#x1B;"/);
    expect(refusal('tab&#9;and &#160; and &#233;')).toBeUndefined();
  });

  it('refuses a run of emphasis marks longer than text needs, at its line, whatever the stack left (marked recursed through it)', () => {
    for (const n of [40, 3000, 20000]) expect(refusal(`One.\n\n${'*'.repeat(n)}x${'*'.repeat(n)}\n`)).toEqual({ message: `a run of ${n} "*" characters: emphasis takes one or two (escape others as \\*)`, line: 3 });
    expect(refusal('__'.repeat(20) + 'x')?.message).toMatch(/a run of 40 "_"/);
    // A line of them alone is a rule, and bold and italic are what they were.
    expect(refusal(`One.\n\n${'*'.repeat(60)}\n\nTwo **bold** and *italic* ~~old~~.\n`)).toBeUndefined();
  });

  it('allows only http(s), mailto and tel links', () => {
    expect(refusal('[x](javascript:alert(1))')?.message).toBe('link "javascript:alert(1)": only http, https, mailto and tel links are allowed');
    expect(refusal('see <file:///etc/passwd>')?.message).toMatch(/only http, https, mailto and tel/);
    expect(refusal('[mail](mailto:a@b.org) [web](https://amnesty.org) [bare](amnesty.org/en)')).toBeUndefined();
    expect(isAllowedLink('data:text/html,x')).toBe(false);
    expect(isAllowedLink('//evil.example/x')).toBe(false);
    expect(isAllowedLink('tel:+41 44 000 00 00')).toBe(true);
    // Without a scheme: a web address, an email address or a place in the document, never a path
    // or a scheme hidden behind an entity (each became a broken https:// link).
    for (const ok of ['amnesty.org', 'www.amnesty.org/en/x?y=1', 'first.last@mfa.gov.by', 'президент.рф/x', '#page=3', '#doc=story']) expect(isAllowedLink(ok), ok).toBe(true);
    for (const bad of ['../../etc/passwd', './notes', '&#106;avascript:alert(1)', 'localhost', 'a b.org']) expect(isAllowedLink(bad), bad).toBe(false);
    expect(refusal('[r](../../etc/passwd)')?.message).toBe('link "../../etc/passwd": only http, https, mailto and tel links are allowed');
  });
});

describe('parseDocument for templates', () => {
  it('accepts every directive, with attributes inside their bounds', () => {
    const blocks = parseDocument('::::::cut-sheet{columns=2 rows=2}\n:::::card{label="A"}\nText\n:::::\n::::::\n\n:::lines{count=4}\n:::\n', { content: false });
    expect(blocks.map((b) => b.type)).toEqual(['cut-sheet', 'writing-lines']);
  });

  it.each([
    ['::::cut-sheet{columns=0}\n::::\n', ':::cut-sheet: columns=0 must be between 1 and 4'],
    [':::lines{count=1000000}\n:::\n', ':::lines: count=1000000 must be between 1 and 60'],
    [':::space{size=-5}\n:::\n', ':::space: size=-5 must be between 0 and 400'],
    [':::image{src="a.png" height=NaN}\n:::\n', ':::image: height=NaN must be between 20 and 700'],
    [':::lines{cuont=3}\n:::\n', ':::lines: unknown attribute "cuont" (known: count, fill, reserve)'],
    [':::lines{fill=yes}\n:::\n', ':::lines: fill=yes must be true or false'],
    [':::sparkle\n:::\n', 'unknown directive ":::sparkle"'],
  ])('refuses %j', (markdown, message) => {
    expect(refusal(markdown, false)?.message).toContain(message);
  });
});
