// Which documents a case gets, decided in one place for build, check, preview and the pack: a
// resolved case (released, acquitted, charges dropped) gets no petition, a letter only when the
// content names a follow-up action, and solidarity cards only with an address that is not a prison
// the person has left (or none, with a message of celebration). Everything here is read from content.
import { currentStatus } from '../content/case-status.js';
import type { CaseFront } from '../content/schemas.js';
import { DOCUMENTS, PACK_ORDER, type DocumentId } from './registry.js';

export type HandoutId = Exclude<DocumentId, 'pack'>;

/** Why a document is not made for a case, or undefined when it is. */
export function whyNotBuilt(c: CaseFront, id: DocumentId): string | undefined {
  const status = currentStatus(c);
  const resolved = `the case is resolved (status: ${status.kind}${status.date ? ` on ${status.date}` : ''})`;
  switch (id) {
    case 'petition':
      return status.resolved ? `${resolved}: a petition would demand what has already happened` : undefined;
    case 'letter':
      if (status.resolved)
        return c.resolved?.followUp ? undefined : `${resolved} and case.md names no follow-up action (resolved.followUp)`;
      return c.authority ? undefined : 'case.md names no authority to write to (authority)';
    case 'solidarity':
      if (status.resolved)
        return c.resolved?.solidarity ? undefined : `${resolved}: its solidarity address may be a prison the person has left, and case.md gives no resolved.solidarity`;
      return c.solidarity ? undefined : 'case.md has no solidarity section';
    default:
      return undefined;
  }
}

export function applies(c: CaseFront, id: DocumentId): boolean {
  return whyNotBuilt(c, id) === undefined;
}

/** The documents of the pack for this case, in order. */
export function packOrder(c: CaseFront): HandoutId[] {
  return PACK_ORDER.filter((id) => applies(c, id));
}

/** The handouts a case gets, for messages. */
export function handoutsFor(c: CaseFront): HandoutId[] {
  return (Object.keys(DOCUMENTS) as HandoutId[]).filter((id) => applies(c, id));
}
