/**
 * The two sizes `pnpm bench:scale` measures. Both keep the seed's five sectors and take every
 * indicator's unit, direction, aggregation, weight, thresholds, headline mark, targets and (for
 * milestone indicators) milestone track from the seed's 57 indicators in turn, so the seed's
 * proportions hold at any size. Every measured indicator reports monthly (the "monthly values
 * with approval history"), with earlier versions superseded, returned ones and a few pending.
 */

export interface Workload {
  name: 'big' | 'national';
  title: string;
  /** Plan years generated; the screens read the last one. */
  years: number[];
  indicatorsPerPlan: number;
  strategiesPerSector: number;
  projectsPerStrategy: number;
  indicatorsPerProject: number;
  departments: number;
  /** The sector the sector page, history and department page are measured on. */
  sector: string;
}

/** One big city's performance system: 2,000 indicators in each of 5 plan years (about 219,000 values). */
const big: Workload = {
  name: 'big',
  title: 'Big city: 2,000 indicators × 5 plan years',
  years: [2019, 2020, 2021, 2022, 2023],
  indicatorsPerPlan: 2_000,
  strategiesPerSector: 4,
  projectsPerStrategy: 20,
  indicatorsPerProject: 5,
  departments: 100,
  sector: 'ECO',
};

/** A national plan: 24,000 indicators in one plan year. */
const national: Workload = {
  name: 'national',
  title: 'National: 24,000 indicators in one plan',
  years: [2023],
  indicatorsPerPlan: 24_000,
  strategiesPerSector: 10,
  projectsPerStrategy: 96,
  indicatorsPerProject: 5,
  departments: 600,
  sector: 'ECO',
};

export const WORKLOADS = { big, national } as const;

/** `SCALE=big`, `SCALE=national`, or both (the default, or `SCALE=big,national`). */
export function chosenWorkloads(scale: string | undefined): Workload[] {
  const names = (scale ?? 'big,national').split(',').map((name) => name.trim());
  return names.map((name) => {
    if (name === 'big' || name === 'national') return WORKLOADS[name];
    throw new Error(`SCALE must be big, national or big,national (got "${name}")`);
  });
}

/** The plan year the screens read, and the month they are read as of. */
export function viewOf(workload: Workload): { year: number; asOf: string } {
  const year = workload.years[workload.years.length - 1] as number;
  return { year, asOf: `${year}-06` };
}
