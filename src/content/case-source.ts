// A translated case.md repeats the case's data (status, dates, numbers) next to its text. The data
// is taken from the English source file, so a translation written before the case changed can never
// print an old status (a French pack asking to free someone already free); text the translation
// does not have yet (a new update, the resolved block) falls back to English like any other text.
import type { CaseFront } from './schemas.js';

export interface AlignedCase {
  front: CaseFront;
  /** Fields whose text came from the source locale. */
  fellBack: string[];
}

export function alignWithSource(translated: CaseFront, source: CaseFront): AlignedCase {
  const fellBack: string[] = [];
  const sameKind = translated.status.kind === source.status.kind;
  const updates = source.updates?.map((u, i) => {
    const t = translated.updates?.[i];
    if (t && t.date === u.date && t.status === u.status) return t;
    fellBack.push(`updates[${i}]`);
    return u;
  });
  let resolved = translated.resolved;
  if (source.resolved && !resolved) {
    resolved = source.resolved;
    fellBack.push('resolved');
  }
  if (!source.resolved) resolved = undefined;
  return {
    front: {
      ...translated,
      status: { ...source.status, label: sameKind && source.status.label ? (translated.status.label ?? source.status.label) : source.status.label },
      reviewed: source.reviewed,
      facts: source.facts && { ...source.facts, charges: translated.facts?.charges?.length === source.facts.charges?.length ? translated.facts?.charges : source.facts.charges },
      updates,
      resolved,
      // Names may be transliterated, and a locale may name its own photo file (checked like any other);
      // who is in the case, and whether a photo is a placeholder, is the source's.
      people: source.people.map((p, i) => ({ ...p, name: translated.people[i]?.name ?? p.name, shortName: translated.people[i]?.shortName ?? p.shortName, photo: p.photo && { ...p.photo, ...(translated.people[i]?.photo ?? {}), placeholder: p.photo.placeholder } })),
      photo: source.photo && { ...source.photo, ...(translated.photo ?? {}), placeholder: source.photo.placeholder },
      activity: source.activity,
      cards: translated.cards.length === source.cards.length ? translated.cards.map((c, i) => ({ ...c, matches: source.cards[i].matches })) : (fellBack.push('cards'), source.cards),
    },
    fellBack,
  };
}
