// Warnings about a case that only a person can clear: facts not checked for six months (cases
// change: a pack is printed for years) and placeholder photos. `check --strict` fails on them.
import { warning, type Diagnostic } from '../diagnostics.js';
import type { PackModel } from './load.js';
import { applies } from '../documents/applicable.js';

/** How long a case's facts stay trusted after `reviewed`. */
export const FRESH_MONTHS = 6;

/** The date after which facts reviewed on `reviewed` (YYYY-MM-DD) are stale. */
export function staleAfter(reviewed: string): Date {
  const d = new Date(`${reviewed}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + FRESH_MONTHS);
  return d;
}

export function caseWarnings(model: PackModel, today: Date): Diagnostic[] {
  const c = model.case.front;
  const out: Diagnostic[] = [];
  if (today.getTime() > staleAfter(c.reviewed).getTime())
    out.push(
      warning(
        model.case.file,
        model.case.lineOf(['reviewed']),
        `reviewed: the facts of this case were last checked on ${c.reviewed}, more than ${FRESH_MONTHS} months before the build date (${today.toISOString().slice(0, 10)}): check the case's current status on amnesty.org before printing`,
        'update the status and add an update if it changed, then set reviewed: to the date you checked',
      ),
    );
  const photos = [
    ...(c.photo?.placeholder ? [{ at: ['photo', 'placeholder'], whose: 'the group photo' }] : []),
    ...c.people.flatMap((p, i) => (p.photo?.placeholder ? [{ at: ['people', i, 'photo', 'placeholder'], whose: `the photo of ${p.name}` }] : [])),
  ];
  for (const p of photos)
    out.push(
      warning(model.case.file, model.case.lineOf(p.at), `${p.whose} is a placeholder image: it prints a silhouette labelled "placeholder"`, 'put a real photo beside case.md and remove placeholder: true'),
    );
  // The petition's dates are content a person checks: a sheet that promises a delivery already past
  // would collect signatures for nothing.
  const petition = model.petition;
  if (petition && applies(c, 'petition'))
    for (const field of ['returnBy', 'delivery'] as const)
      if (today.getTime() > new Date(`${petition.front[field]}T23:59:59Z`).getTime())
        out.push(
          warning(
            petition.file,
            petition.lineOf([field]),
            `${field}: ${petition.front[field]} is before the build date (${today.toISOString().slice(0, 10)}): the petition would ${field === 'delivery' ? 'promise a delivery that is over' : 'ask for sheets to be sent back too late'}`,
            'set the dates the section will really collect and deliver the signatures on',
          ),
        );
  return out;
}
