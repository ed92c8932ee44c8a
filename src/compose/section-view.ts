// The section as templates see it: an optional `section` field of the view, absent in the neutral
// edition (so its templates render exactly as before). Its texts are content: made fence-safe.
import type { SectionEdition } from '../content/section.js';
import { fenceSafe } from './fences.js';

export function sectionView(edition: SectionEdition | undefined): { section?: SectionEdition } {
  if (!edition) return {};
  const safe = (v: unknown): unknown => (typeof v === 'string' ? fenceSafe(v) : Array.isArray(v) ? v.map(safe) : v);
  const section = Object.fromEntries(Object.entries(edition).map(([k, v]) => [k, k === 'logo' ? v : safe(v)])) as unknown as SectionEdition;
  return { section };
}
