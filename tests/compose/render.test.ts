// Templates are compiled strict: a misspelled field or a syntax error is an error at its line.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError } from '../../src/compose/render.js';
import { Strings } from '../../src/i18n/strings.js';
import { tempDir } from '../helpers/build.js';

function templates(files: Record<string, string>): string {
  const dir = tempDir('wp-templates-');
  mkdirSync(path.join(dir, 'partials'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, `${name}.hbs`), text);
  return dir;
}

const view = { sourceRefs: new Map(), locale: 'en', rtl: false, strings: new Strings('en', new Map()), case: { name: 'Ana' } };

function failure(dir: string, name: string): TemplateError {
  try {
    renderTemplate(dir, name, view);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('renderTemplate', () => {
  it('renders fields', () => {
    expect(renderTemplate(templates({ a: 'Hello {{case.name}}' }), 'a', view)).toBe('Hello Ana');
  });

  it('reports a misspelled field at its line instead of printing a blank', () => {
    const e = failure(templates({ b: 'line one\n\n{{case.nmae}}\n' }), 'b');
    expect(e.line).toBe(3);
    expect(e.message).toContain('"nmae" not defined');
  });

  it('reports a syntax error at its line', () => {
    const e = failure(templates({ c: 'ok\n{{#if case.name}}\nno end\n{{/each}}\n' }), 'c');
    expect(e.line).toBeGreaterThan(0);
    expect(e.message).toMatch(/doesn't match|Parse error/);
  });
});
