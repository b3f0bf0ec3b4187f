/**
 * The plan as the editor shows it: sectors → strategies → projects → indicators and milestones,
 * each with every field the editor's forms edit (in the operations' own shapes, inputs.ts), retired
 * things marked rather than left out (a retired thing is still named by its code), and the target
 * revisions waiting for a decision, each saying whether the reader proposed it (nobody decides
 * their own).
 */

import { type Db, findPlan, findPlanOutline } from '@tangible/db';
import type { SignedInUser } from '../auth/policy.js';
import { refuse } from '../problems.js';
import type { IndicatorFields } from './inputs.js';

type Rows = Awaited<ReturnType<typeof findPlanOutline>>;

const pair = (ko: string | null, en: string | null) =>
  ko === null && en === null ? null : { ko: ko ?? '', en: en ?? '' };

function indicatorOf(row: Rows['indicators'][number], targets: Rows['targets']) {
  const own = targets.filter((t) => t.indicator_id === row.id);
  const fields: IndicatorFields = {
    name: { ko: row.name_ko, en: row.name_en },
    department: row.department_code,
    unit: row.unit,
    direction: row.direction,
    aggregation: row.aggregation,
    frequency: row.frequency,
    baseline: row.baseline_value === null ? null : { value: row.baseline_value, year: row.baseline_year },
    annualTarget: own.find((t) => t.kind === 'annual')?.value ?? 0,
    interimTargets: own
      .filter((t) => t.kind === 'interim')
      .map((t) => ({ period: t.period, value: t.value })),
    thresholds:
      row.on_track_threshold === null || row.at_risk_threshold === null
        ? null
        : { onTrack: row.on_track_threshold, atRisk: row.at_risk_threshold },
    weight: row.weight,
    headline: row.headline === 1,
    source: row.source,
    definition: pair(row.definition_ko, row.definition_en),
    formula: pair(row.formula_ko, row.formula_en),
    dataSource: pair(row.data_source_ko, row.data_source_en),
  };
  return { code: row.code, retiredAt: row.retired_at, fields };
}

export async function planOutline(db: Db, user: SignedInUser, year: number) {
  const plan = await findPlan(db, user.organisationId, year);
  if (!plan) throw refuse('NOT_FOUND', 'no_such_plan', { year, years: '' });
  const rows = await findPlanOutline(db, plan.id);
  const children = <T extends { parent_id: number }>(all: T[], id: number) =>
    all.filter((r) => r.parent_id === id);
  const codeOfIndicator = new Map(rows.indicators.map((i) => [i.id, i.code]));
  return {
    year,
    status: plan.status,
    confirmedAt: plan.confirmed_at,
    name: { ko: plan.name_ko, en: plan.name_en },
    sectors: rows.sectors.map((sector) => ({
      code: sector.code,
      retiredAt: sector.retired_at,
      fields: {
        name: { ko: sector.name_ko, en: sector.name_en },
        goal: { ko: sector.goal_ko, en: sector.goal_en },
      },
      strategies: children(rows.strategies, sector.id).map((strategy) => ({
        code: strategy.code,
        retiredAt: strategy.retired_at,
        fields: { name: { ko: strategy.name_ko, en: strategy.name_en } },
        projects: children(rows.projects, strategy.id).map((project) => ({
          code: project.code,
          retiredAt: project.retired_at,
          fields: {
            name: { ko: project.name_ko, en: project.name_en },
            department: project.department_code,
          },
          indicators: rows.indicators
            .filter((i) => i.project_id === project.id)
            .map((i) => indicatorOf(i, rows.targets)),
          milestones: children(rows.milestones, project.id).map((m) => ({
            code: m.code,
            retiredAt: m.retired_at,
            fields: {
              name: { ko: m.name_ko, en: m.name_en },
              department: m.department_code,
              plannedDate: m.planned_date,
              weight: m.weight,
              source: m.source,
            },
          })),
        })),
      })),
    })),
    pendingRevisions: rows.pending.map((r) => ({
      id: r.id,
      code: codeOfIndicator.get(r.indicator_id) ?? '',
      period: r.period,
      original: r.original_value,
      revised: r.revised_value,
      reason: r.reason,
      proposedBy: r.proposed_by,
      proposedAt: r.proposed_at,
      ownProposal: r.proposed_by_user_id === user.id,
    })),
  };
}
