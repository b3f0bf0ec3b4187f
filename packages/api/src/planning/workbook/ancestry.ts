/**
 * A thing's ancestors as the upload and the plan say them together: through a kind the upload holds,
 * its row's parent; through a kind it leaves out (CSV files of some kinds, a sheet deleted), the
 * plan's. Leaving is judged over the whole line, not the parent alone: a sector left out takes its
 * projects with it even when no strategies sheet stands between them.
 */

import type { WantedPlan } from './desired.js';
import type { CurrentThings } from './diff.js';
import type { SheetKind } from './sheets.js';

type Kind = Exclude<SheetKind, 'targets'>;
export const PARENT_KIND: Partial<Record<Kind, Kind>> = {
  strategies: 'sectors',
  projects: 'strategies',
  indicators: 'projects',
  milestones: 'projects',
};

/** The nearest ancestor, from `parent` (of `kind`'s parent kind) up, that a held sheet leaves out; or null. */
export function leavingAncestor(
  wanted: WantedPlan,
  now: CurrentThings,
  kind: Kind,
  parent: string | null,
): { kind: Kind; code: string } | null {
  let at = PARENT_KIND[kind];
  let code = parent;
  while (at && code) {
    const held = wanted.kinds.has(at);
    if (held && !wanted[at].has(code)) return { kind: at, code };
    code = (held ? wanted[at].get(code)?.parent : undefined) ?? now.things[at].get(code)?.parent ?? null;
    at = PARENT_KIND[at];
  }
  return null;
}
