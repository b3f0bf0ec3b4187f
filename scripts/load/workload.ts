/**
 * The database the load scripts (export-floor.ts, overload.ts) measure: scripts/figures-workload.ts's
 * plan of FIGURES_INDICATORS indicators (24,000 here unless set: a nation's scale) with a value for
 * every period, plus copies of the seed's milestones in proportion (about one for every two
 * indicators) and an audit entry for every approved value, so that every export has rows enough to
 * be timed; the stored figures then built as `pnpm cli figures rebuild` builds them. Deterministic.
 * A file already there is used as it is.
 */

import { existsSync } from 'node:fs';
import { rebuildFigures } from '@tangible/db';
import { sql } from 'kysely';
import { generate } from '../figures-workload.js';

export async function workload(file: string): Promise<void> {
  if (existsSync(file)) return;
  const indicators = Number(process.env.FIGURES_INDICATORS ?? 24_000);
  const started = performance.now();
  const db = await generate(file, indicators);
  const copies = Math.round(indicators / 57);
  await sql`
    insert into milestones (project_id, department_id, code, position, name_ko, name_en, planned_date,
      forecast_date, actual_date, weight, status, note, source)
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${copies})
    select m.project_id, m.department_id, m.code || '-S' || n.i, 1000 + n.i, m.name_ko || ' ' || n.i,
      m.name_en || ' ' || n.i, m.planned_date, m.forecast_date, m.actual_date, m.weight, m.status, m.note,
      'load workload'
    from milestones m, n where m.code not like '%-S%'`.execute(db);
  await sql`
    insert into audit_log (at, actor_user_id, actor, action, entity_type, entity_id, indicator_id,
      before_json, after_json, reason)
    select m.entered_at, null, 'load workload', 'measurement.approve', 'measurement', m.id, m.indicator_id,
      json_object('status', 'pending', 'value', m.value), json_object('status', 'approved', 'value', m.value), null
    from measurements m where m.status = 'approved' order by m.id`.execute(db);
  await rebuildFigures(db);
  await db.destroy();
  console.log(`Workload built in ${((performance.now() - started) / 1000).toFixed(0)} s: ${file}`);
}
