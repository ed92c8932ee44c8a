// What a case is now, read from its front matter: its status (the newest update that names one
// moves it on), whether it is resolved, its newest update, and how the handouts name its people.
import { formatList } from '../i18n/formats.js';
import type { CaseFront, StatusKind } from './schemas.js';

/** Statuses after which nothing is left to demand for the person: no petition, no release letter. */
export const RESOLVED_KINDS: ReadonlySet<StatusKind> = new Set(['released', 'acquitted', 'charges-dropped']);

export interface CaseStatus {
  kind: StatusKind;
  date?: string;
  /** Replaces the printed status phrase (required for "other"). */
  label?: string;
  resolved: boolean;
}

export type CaseUpdate = NonNullable<CaseFront['updates']>[number];

/** The newest update: the last one in the list (the list is kept oldest first). */
export function latestUpdate(c: CaseFront): CaseUpdate | undefined {
  return c.updates?.at(-1);
}

/** The case's status now: `status`, unless a newer update names another one. */
export function currentStatus(c: CaseFront): CaseStatus {
  const update = [...(c.updates ?? [])].reverse().find((u) => u.status);
  // An update that merely repeats the status keeps the status's own date and label.
  if (update?.status && update.status !== c.status.kind) return { kind: update.status, date: update.date, resolved: RESOLVED_KINDS.has(update.status) };
  return { ...c.status, resolved: RESOLVED_KINDS.has(c.status.kind) };
}

/** The full name for covers, footers and metadata: a group's collective name, or the names listed. */
export function displayName(c: CaseFront, locale: string): string {
  return c.groupName ?? formatList(locale, c.people.map((p) => p.name));
}

/** How running text calls the person or group ("Maryia", "Cecillia, Joanah and Netsai"). */
export function shortName(c: CaseFront, locale: string): string {
  return c.shortName ?? formatList(locale, c.people.map((p) => p.shortName ?? p.name));
}

