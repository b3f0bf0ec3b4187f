/**
 * A plan at a larger scale, built from Busan's seed the way the seed is loaded (loadSeed): each
 * strategy, project, indicator with its targets and values, and milestone copied `copies` times into
 * the same five sectors, the copies owned by `departmentCopies` copies of the departments. Every
 * proportion of the seed is kept (units, aggregations, directions, headlines, milestone tracks,
 * reported values); sums vary a little from copy to copy so that sorting by a figure means something.
 * 421 copies of the 57 indicators are the national scale (23,997 indicators), used by the tests that
 * hold every screen's answer under its size.
 */

import type { SeedFiles } from './files.js';

export interface Scale {
  /** Copies of the seed's plan, the seed itself counted: 1 is the seed. */
  copies: number;
  /** Copies of the departments the copies are spread over, the seed's own counted. */
  departmentCopies: number;
}

/** The national scale: 421 × 57 = 23,997 indicators, 12,209 milestones, 23 × 20 departments. */
export const NATIONAL_SCALE: Scale = { copies: 421, departmentCopies: 20 };

const suffix = (copy: number) => (copy === 0 ? '' : `-K${copy}`);

/** Sums differ by up to ±15 % from copy to copy; whole numbers stay whole. */
function varied(value: number, copy: number): number {
  const scaled = value * (0.85 + (copy % 7) * 0.05);
  return Number.isInteger(value) ? Math.round(scaled) : Math.round(scaled * 100) / 100;
}

export function scaledSeed(files: SeedFiles, scale: Scale): SeedFiles {
  const copies = Array.from({ length: scale.copies }, (_, copy) => copy);
  const departmentOf = (code: string, copy: number) => {
    const departmentCopy = copy % scale.departmentCopies;
    return departmentCopy === 0 ? code : `${code}-D${departmentCopy}`;
  };
  const named = <T extends { name_ko: string; name_en: string }>(row: T, copy: number): T =>
    copy === 0 ? row : { ...row, name_ko: `${row.name_ko} ${copy}`, name_en: `${row.name_en} ${copy}` };
  const sumCodes = new Set(files.indicators.filter((i) => i.aggregation === 'sum').map((i) => i.code));
  return {
    ...files,
    plan: {
      ...files.plan,
      sectors: files.plan.sectors.map((sector) => ({
        ...sector,
        strategies: copies.flatMap((copy) =>
          sector.strategies.map((strategy) => ({
            code: `${strategy.code}${suffix(copy)}`,
            name: copy === 0 ? strategy.name : bilingualCopy(strategy.name, copy),
            projects: strategy.projects.map((project) => ({
              code: `${project.code}${suffix(copy)}`,
              name: copy === 0 ? project.name : bilingualCopy(project.name, copy),
              department: departmentOf(project.department, copy),
            })),
          })),
        ),
      })),
    },
    departments: Array.from({ length: scale.departmentCopies }, (_, copy) =>
      files.departments.map((department) => ({
        ...named(department, copy),
        code: departmentOf(department.code, copy),
      })),
    ).flat(),
    indicators: copies.flatMap((copy) =>
      files.indicators.map((indicator) => ({
        ...named(indicator, copy),
        code: `${indicator.code}${suffix(copy)}`,
        project: `${indicator.project}${suffix(copy)}`,
        department: departmentOf(indicator.department, copy),
      })),
    ),
    targets: copies.flatMap((copy) =>
      files.targets.map((target) => ({ ...target, kpi_code: `${target.kpi_code}${suffix(copy)}` })),
    ),
    measurements: copies.flatMap((copy) =>
      files.measurements.map((measurement) => ({
        ...measurement,
        kpi_code: `${measurement.kpi_code}${suffix(copy)}`,
        value: sumCodes.has(measurement.kpi_code) ? varied(measurement.value, copy) : measurement.value,
      })),
    ),
    milestones: copies.flatMap((copy) =>
      files.milestones.map((milestone) => ({
        ...named(milestone, copy),
        code: `${milestone.code}${suffix(copy)}`,
        project: `${milestone.project}${suffix(copy)}`,
        department: departmentOf(milestone.department, copy),
      })),
    ),
  };
}

function bilingualCopy(name: { ko: string; en: string }, copy: number) {
  return { ko: `${name.ko} ${copy}`, en: `${name.en} ${copy}` };
}
