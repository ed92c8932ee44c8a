// fontkit sets its OpenType shaping up again for every word it shapes: each GSUB and GPOS processor
// picks the script and language system (rebuilding its feature map on every call when no language
// is given, as we give none) and then, stage by stage, the lookups of the plan's features. For a
// first build on a machine (no shapes kept, layout/shape-store.ts) that set-up was ~6 % of the run
// (selectScript 0.25 s and lookupsForFeatures 0.73 s of 16 s, 84 documents; after: 0.01 s, and
// 0.44 s, what is left being the first decoding of each lookup table). Both are pure functions of
// their arguments and the font's tables, so each processor remembers them:
// - selectScript, the state it leaves (script, language system, direction, feature map) per
//   arguments, restored as it would have rebuilt it, when it rebuilt it;
// - lookupsForFeatures, its list per feature map and feature list, which its one caller
//   (applyFeatures → applyLookups) only reads.
// The PDFs are byte for byte those of fontkit alone (all 182, built with an empty user cache), and
// tests/layout/shaping-setup.test.ts shapes words of six scripts both ways.
import type { Font } from 'fontkit';

type Processor = {
  script?: unknown;
  scriptTag?: string;
  language?: unknown;
  languageTag?: string | null;
  direction?: string;
  features?: Record<string, unknown>;
};
type SelectScript = (this: Processor, script?: string, language?: string, direction?: string) => string | undefined;
type LookupsForFeatures = (this: Processor, userFeatures?: string[], exclude?: number[]) => unknown[];
type ProcessorClass = { selectScript: SelectScript; lookupsForFeatures: LookupsForFeatures };

const STATE = ['script', 'scriptTag', 'language', 'languageTag', 'direction', 'features'] as const;
const selections = new WeakMap<Processor, Map<string, Pick<Processor, (typeof STATE)[number]> & { result?: string }>>();
const lookupLists = new WeakMap<object, Map<string, unknown[]>>();

let done = false;

/** Teaches fontkit's glyph processors (shared by every font) to remember their set-up; once per process. */
export function memoizeShapingSetup(font: Font): void {
  if (done) return;
  const engine = (font as unknown as { _layoutEngine?: { engine?: { GSUBProcessor?: object; GPOSProcessor?: object } } })._layoutEngine?.engine;
  const processor = engine?.GSUBProcessor ?? engine?.GPOSProcessor;
  if (!processor) return; // a font without OpenType layout: the next one will do
  done = true;
  let proto = Object.getPrototypeOf(processor) as ProcessorClass | null;
  while (proto && !Object.hasOwn(proto, 'selectScript')) proto = Object.getPrototypeOf(proto) as ProcessorClass | null;
  // Another fontkit than the one this was written against: leave it as it is.
  if (!proto || typeof proto.selectScript !== 'function' || typeof proto.lookupsForFeatures !== 'function') return;

  const selectScript = proto.selectScript;
  proto.selectScript = function (script, language, direction) {
    let known = selections.get(this);
    if (!known) selections.set(this, (known = new Map()));
    const key = `${script}\u0000${language}\u0000${direction}`;
    const seen = known.get(key);
    if (seen) {
      for (const field of STATE) (this as Record<string, unknown>)[field] = seen[field];
      return seen.result;
    }
    const before = this.features;
    const result = selectScript.call(this, script, language, direction);
    // Kept only when it rebuilt the feature map: the state is then its arguments' alone. (It does
    // not when the font has neither the script nor a default one, leaving the state as it was.)
    if (this.features !== before) known.set(key, { ...Object.fromEntries(STATE.map((field) => [field, this[field]])), result });
    return result;
  };

  const lookupsForFeatures = proto.lookupsForFeatures;
  proto.lookupsForFeatures = function (userFeatures = [], exclude) {
    const features = this.features;
    if (!features) return lookupsForFeatures.call(this, userFeatures, exclude);
    let lists = lookupLists.get(features);
    if (!lists) lookupLists.set(features, (lists = new Map()));
    const key = exclude ? `${userFeatures.join(',')}|${exclude.join(',')}` : userFeatures.join(',');
    let list = lists.get(key);
    if (!list) lists.set(key, (list = lookupsForFeatures.call(this, userFeatures, exclude)));
    return list;
  };
}

const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'kern', 'morx'];

/**
 * Lets go of what shaping decoded of a font: its layout tables (fontkit decodes their lookups as
 * they are used and keeps them for the font's life) and the shaping engine over them. The next word
 * shaped decodes them again. The default family's faces live through a whole build: on a first run
 * (no shapes kept) their tables were ~2.8 MB a face, alive through every locale after the first.
 */
export function forgetShaping(font: Font): void {
  const layout = Object.getOwnPropertyDescriptor(font, '_layoutEngine')?.value as object | undefined;
  const tables = (font as unknown as { _tables?: Record<string, unknown> })._tables;
  if (!layout || !tables) return; // never shaped, or another fontkit than the one this was written against
  for (const tag of LAYOUT_TABLES) delete tables[tag];
  // fontkit keeps the engine as a fixed property of the font: a new one's state is copied into it.
  Object.assign(layout, new (layout.constructor as new (font: Font) => object)(font));
}
