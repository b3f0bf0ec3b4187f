/** The audit trail as a table for `audit.csv`: one row per change, oldest first. Streamed. */

import { auditRows, type Db, findIndicatorByCode } from '@tangible/db';
import { resolveView } from '../figures.js';
import { refuse } from '../problems.js';
import { type ExportTable, headerFor, type Lang } from './table.js';

export const AUDIT_COLUMNS = [
  'at',
  'actor',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'reason',
] as const;

export async function auditExport(
  db: Db,
  organisationId: number,
  input: { year: number; indicator?: string | undefined; lang: Lang },
): Promise<ExportTable> {
  let indicatorId: number | undefined;
  if (input.indicator) {
    const { plan } = await resolveView(db, organisationId, { year: input.year });
    const indicator = await findIndicatorByCode(db, plan.id, input.indicator.toUpperCase());
    if (!indicator)
      throw refuse('NOT_FOUND', 'no_such_indicator', { code: input.indicator, year: plan.year });
    indicatorId = indicator.id;
  }
  return {
    name: `audit-${input.year}${input.indicator ? `-${input.indicator.toUpperCase()}` : ''}-${input.lang}`,
    columns: AUDIT_COLUMNS,
    header: headerFor(AUDIT_COLUMNS, input.lang),
    rows: auditRows(db, { organisationId, indicatorId }),
  };
}
