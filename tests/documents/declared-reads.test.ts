// What each document reads is declared in the registry; the build cache trusts that list. Here
// every template is rendered with a view whose undeclared fields throw when a template reads
// inside them, for both bundled cases (one with a petition, one resolved), left-to-right and
// right-to-left, with and without a section: a template that reads more than its document
// declares fails here, not as a stale PDF served from the cache.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewOf, type View } from '../../src/compose/render.js';
import { rootOf, fontsConfigOf } from '../../src/commands/build.js';
import { chooseSection } from '../../src/commands/section-option.js';
import { fontBookFor } from '../../src/content/font-config.js';
import { editionOf } from '../../src/content/section.js';
import { ALWAYS_READ, DOCUMENT_IDS, DOCUMENTS, PACK_OWN_READS, VIEW_FIELDS, readsOf, type DocumentId, type ViewField } from '../../src/documents/registry.js';
import { layoutChecked, loadChecked } from '../../src/pipeline/pipeline.js';
import { REPO } from '../helpers/build.js';

const TEMPLATES = path.join(REPO, 'templates');
const request = { cwd: REPO };
const root = rootOf(request);
const book = fontBookFor(root, fontsConfigOf(request)).book;

/** The declared fields of the document a template belongs to (the pack's own pages: cover, contents, blank). */
function declaredFor(template: string): ViewField[] {
  const doc = Object.values(DOCUMENTS).find((d) => d.reads.templates.includes(template));
  if (doc) return doc.reads.fields;
  if (PACK_OWN_READS.templates.includes(template)) return PACK_OWN_READS.fields;
  throw new Error(`template ${template} belongs to no document in the registry`);
}

/** A value that throws as soon as a template reads anything inside it. */
function forbidden(template: string, field: string, value: object): object {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') throw new Error(`template ${template} reads "${field}.${key}", which its document does not declare in documents/registry.ts`);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** A declared field whose undeclared dotted parts (case.letter when only case is declared) throw. */
function guarded(template: string, field: string, value: object, declared: ViewField[]): object {
  const parts = Object.keys(VIEW_FIELDS).filter((f) => f.startsWith(`${field}.`) && !declared.includes(f as ViewField)).map((f) => f.slice(field.length + 1));
  if (!parts.length) return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string' && parts.includes(key)) throw new Error(`template ${template} reads "${field}.${key}", which its document does not declare in documents/registry.ts`);
      return Reflect.get(target, key, receiver);
    },
  });
}

function strictView(view: View, template: string): View {
  const declared = declaredFor(template);
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(view)) {
    const allowed = (ALWAYS_READ as readonly string[]).includes(field) || declared.includes(field as ViewField);
    if (!value || typeof value !== 'object') out[field] = value;
    else out[field] = allowed ? guarded(template, field, value, declared) : forbidden(template, field, value);
  }
  return out as View;
}

/** The partials a template includes, and the ones those include. */
function includedPartials(template: string, seen = new Set<string>()): Set<string> {
  for (const m of readFileSync(path.join(TEMPLATES, `${template}.hbs`), 'utf8').matchAll(/\{\{>\s*([\w-]+)/g)) {
    if (seen.has(m[1])) continue;
    seen.add(m[1]);
    includedPartials(`partials/${m[1]}`, seen);
  }
  return seen;
}

describe('declared reads (documents/registry.ts)', () => {
  it('names every field of the view, so a new field must be declared before a template can read it', async () => {
    const { model } = loadChecked(root, 'maryia-kalesnikava', 'en', book);
    const fields = Object.keys(viewOf(model!));
    expect(fields.filter((f) => !(ALWAYS_READ as readonly string[]).includes(f) && !(f in VIEW_FIELDS))).toEqual([]);
  });

  it.each(DOCUMENT_IDS.filter((d) => d !== 'pack'))('%s declares exactly the partials its template includes', (doc) => {
    const reads = readsOf(doc);
    expect([...new Set(reads.templates.flatMap((t) => [...includedPartials(t)]))].sort()).toEqual([...reads.partials].sort());
  });

  it('the pack declares the partials of its cover, contents and blank pages', () => {
    expect([...new Set(PACK_OWN_READS.templates.flatMap((t) => [...includedPartials(t)]))].sort()).toEqual([...PACK_OWN_READS.partials].sort());
  });

  const runs: { caseId: string; locale: string; section?: string }[] = [
    { caseId: 'maryia-kalesnikava', locale: 'en' },
    { caseId: 'chimbiri-mamombe-marova', locale: 'en' },
    { caseId: 'maryia-kalesnikava', locale: 'ar' },
    { caseId: 'maryia-kalesnikava', locale: 'fr', section: 'demo-be' },
    { caseId: 'chimbiri-mamombe-marova', locale: 'fr', section: 'demo-be' },
  ];
  it.each(runs)('every template reads only what its document declares: $caseId, $locale, section $section', ({ caseId, locale, section }) => {
    const { model, ok, diagnostics } = loadChecked(root, caseId, locale, book);
    expect(ok, JSON.stringify(diagnostics)).toBe(true);
    const chosen = chooseSection(root, { section }, new Date('2026-01-01T00:00:00Z'));
    const edition = chosen.profile && editionOf(chosen.profile, caseId, locale);
    if (section) expect(edition).toBeDefined();
    const built: DocumentId[] = [];
    for (const doc of DOCUMENT_IDS) {
      const laid = layoutChecked(model!, doc, { templatesDir: TEMPLATES, book, paper: 'a4', section: edition, viewFor: strictView });
      // A resolved case's petition is never laid out by build; the template still must not overreach.
      const errors = laid.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      expect(errors.filter((m) => /does not declare/.test(m)), doc).toEqual([]);
      if (laid.frames) built.push(doc);
    }
    expect(built).toContain('pack');
  });

  it('the strict view does catch a template that reads an undeclared field', () => {
    const { model } = loadChecked(root, 'maryia-kalesnikava', 'en', book);
    const asIfUdhrReadTheCase = (view: View, template: string) => strictView(view, template === 'story' ? 'udhr' : template);
    const laid = layoutChecked(model!, 'story', { templatesDir: TEMPLATES, book, paper: 'a4', viewFor: asIfUdhrReadTheCase });
    expect(laid.diagnostics.map((d) => d.message).join('\n')).toMatch(/reads "case\.\w+", which its document does not declare/);
  });
});
