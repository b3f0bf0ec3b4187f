/**
 * The editor's indicators: every field (names, unit, direction, aggregation, frequency, baseline,
 * annual and interim targets, thresholds, weight, headline, department, source, and the definition,
 * formula and data source), checked as a whole (validation.ts) and stored with their figures.
 */

import { type Indicator, nextPosition, refreshIndicators, replaceTargets } from '@tangible/db';
import { optionalPair, split } from './editor.js';
import type { IndicatorFields, OperationInput } from './inputs.js';
import { codeOf, type EditScope } from './scope.js';
import { indicatorProblems, normalisedInterims } from './validation.js';

/** An indicator's stored row and targets, read back as the editor's fields. */
async function indicatorFieldsOf(s: EditScope, indicator: Indicator): Promise<IndicatorFields> {
  const targets = await s.trx
    .selectFrom('targets')
    .select(['period', 'kind', 'value'])
    .where('indicator_id', '=', indicator.id)
    .orderBy('period')
    .execute();
  const pair = (ko: string | null, en: string | null) =>
    ko === null && en === null ? null : { ko: ko ?? '', en: en ?? '' };
  return {
    name: { ko: indicator.name_ko, en: indicator.name_en },
    department: '',
    unit: indicator.unit,
    direction: indicator.direction,
    aggregation: indicator.aggregation,
    frequency: indicator.frequency,
    baseline:
      indicator.baseline_value === null
        ? null
        : { value: indicator.baseline_value, year: indicator.baseline_year },
    annualTarget: targets.find((t) => t.kind === 'annual')?.value ?? 0,
    interimTargets: targets
      .filter((t) => t.kind === 'interim')
      .map((t) => ({ period: t.period, value: t.value })),
    thresholds:
      indicator.on_track_threshold === null || indicator.at_risk_threshold === null
        ? null
        : { onTrack: indicator.on_track_threshold, atRisk: indicator.at_risk_threshold },
    weight: indicator.weight,
    headline: indicator.headline === 1,
    source: indicator.source,
    definition: pair(indicator.definition_ko, indicator.definition_en),
    formula: pair(indicator.formula_ko, indicator.formula_en),
    dataSource: pair(indicator.data_source_ko, indicator.data_source_en),
  };
}

/** The indicator's columns for its fields (the department resolved to its id by the caller). */
function indicatorColumns(fields: Partial<IndicatorFields>) {
  return {
    ...split('name', fields.name),
    ...(fields.unit === undefined ? {} : { unit: fields.unit }),
    ...(fields.direction === undefined ? {} : { direction: fields.direction }),
    ...(fields.aggregation === undefined ? {} : { aggregation: fields.aggregation }),
    ...(fields.frequency === undefined ? {} : { frequency: fields.frequency }),
    ...(fields.baseline === undefined
      ? {}
      : { baseline_value: fields.baseline?.value ?? null, baseline_year: fields.baseline?.year ?? null }),
    ...(fields.thresholds === undefined
      ? {}
      : {
          on_track_threshold: fields.thresholds?.onTrack ?? null,
          at_risk_threshold: fields.thresholds?.atRisk ?? null,
        }),
    ...(fields.weight === undefined ? {} : { weight: fields.weight }),
    ...(fields.headline === undefined ? {} : { headline: fields.headline ? 1 : 0 }),
    ...(fields.source === undefined ? {} : { source: fields.source }),
    ...optionalPair('definition', fields.definition),
    ...optionalPair('formula', fields.formula),
    ...optionalPair('data_source', fields.dataSource),
  };
}

function targetRows(year: number, fields: IndicatorFields) {
  return [
    { period: String(year), kind: 'annual' as const, value: fields.annualTarget },
    ...normalisedInterims(fields).map((t) => ({ ...t, kind: 'interim' as const })),
  ];
}

export async function createIndicator(s: EditScope, input: OperationInput<'createIndicator'>) {
  const project = s.find('project', input.project, 'project');
  s.claim('indicator', input.code);
  const department = await s.department(input.department);
  s.touched.push(department ?? null);
  s.errors.push(...indicatorProblems(input, s.plan.year));
  s.check();
  if (!project || department === undefined) return null;
  const row = {
    project_id: project.id,
    department_id: department,
    code: codeOf(input.code),
    position: await nextPosition(s.trx, 'indicator', project.id),
    name_ko: input.name.ko,
    name_en: input.name.en,
    unit: input.unit,
    direction: input.direction,
    aggregation: input.aggregation,
    frequency: input.frequency,
    weight: input.weight,
    headline: input.headline ? 1 : 0,
    source: input.source,
    ...indicatorColumns(input),
  };
  const { id } = await s.trx
    .insertInto('indicators')
    .values(row as typeof row & { headline: number })
    .returning('id')
    .executeTakeFirstOrThrow();
  const targets = targetRows(s.plan.year, input);
  await replaceTargets(s.trx, id, targets);
  await refreshIndicators(s.trx, [id]);
  await s.audit({ action: 'plan.indicator.create', level: 'indicator', id, after: { ...row, targets } });
  return { id, code: row.code };
}

export async function editIndicator(s: EditScope, input: OperationInput<'editIndicator'>) {
  const found = s.find('indicator', input.code, 'code');
  const department = input.department === undefined ? undefined : await s.department(input.department);
  const current =
    found &&
    (await s.trx.selectFrom('indicators').selectAll().where('id', '=', found.id).executeTakeFirstOrThrow());
  s.touched.push(current?.department_id ?? null);
  if (department !== undefined) s.touched.push(department);
  if (!current) {
    s.check();
    return null;
  }
  const before = await indicatorFieldsOf(s, current);
  const { year: _year, code: _code, ...changes } = input;
  const after: IndicatorFields = { ...before, ...changes };
  s.errors.push(...indicatorProblems(after, s.plan.year));
  const targetsChange =
    JSON.stringify(targetRows(s.plan.year, before)) !== JSON.stringify(targetRows(s.plan.year, after));
  if (targetsChange && s.plan.status === 'confirmed')
    s.fail(
      input.annualTarget === undefined ? 'interimTargets' : 'annualTarget',
      'plan_target_needs_revision',
      {
        code: current.code,
      },
    );
  s.check();
  const set = {
    ...indicatorColumns(changes),
    ...(department === undefined ? {} : { department_id: department }),
  };
  if (Object.keys(set).length > 0)
    await s.trx.updateTable('indicators').set(set).where('id', '=', current.id).execute();
  if (targetsChange) await replaceTargets(s.trx, current.id, targetRows(s.plan.year, after));
  await refreshIndicators(s.trx, [current.id]);
  await s.audit({
    action: 'plan.indicator.edit',
    level: 'indicator',
    id: current.id,
    before,
    after: {
      ...set,
      ...(targetsChange ? { annualTarget: after.annualTarget, interimTargets: after.interimTargets } : {}),
    },
  });
  return { id: current.id, code: current.code };
}
