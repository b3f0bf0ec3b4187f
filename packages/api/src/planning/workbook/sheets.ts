/**
 * The plan workbook's sheets: one per kind of thing in a plan, each column with its identifier (the
 * English header, stable for scripts) and its Korean header (for a planning office opening it in
 * Excel). A workbook is read with either language's headers, a sheet found by either name. Words
 * for the enumerations are written in the reader's language and read in both.
 */

export type SheetKind = 'sectors' | 'strategies' | 'projects' | 'indicators' | 'targets' | 'milestones';
export type Lang = 'ko' | 'en';

/** In the order a plan is built: a sheet's parents are on the sheets before it. */
export const SHEET_KINDS: readonly SheetKind[] = [
  'sectors',
  'strategies',
  'projects',
  'indicators',
  'targets',
  'milestones',
];

export const SHEET_NAMES: Record<SheetKind, Record<Lang, string>> = {
  sectors: { en: 'sectors', ko: '분야' },
  strategies: { en: 'strategies', ko: '전략' },
  projects: { en: 'projects', ko: '사업' },
  indicators: { en: 'indicators', ko: '지표' },
  targets: { en: 'targets', ko: '목표' },
  milestones: { en: 'milestones', ko: '마일스톤' },
};

/** Each sheet's columns: identifier → Korean header. The first column holds the parent's code (sectors: none). */
export const COLUMNS: Record<SheetKind, Record<string, string>> = {
  sectors: {
    sector_code: '분야 코드',
    name_ko: '분야명(국문)',
    name_en: '분야명(영문)',
    goal_ko: '목표(국문)',
    goal_en: '목표(영문)',
  },
  strategies: {
    sector_code: '분야 코드',
    strategy_code: '전략 코드',
    name_ko: '전략명(국문)',
    name_en: '전략명(영문)',
  },
  projects: {
    strategy_code: '전략 코드',
    project_code: '사업 코드',
    name_ko: '사업명(국문)',
    name_en: '사업명(영문)',
    department_code: '부서 코드',
  },
  indicators: {
    project_code: '사업 코드',
    kpi_code: '지표 코드',
    name_ko: '지표명(국문)',
    name_en: '지표명(영문)',
    department_code: '부서 코드',
    unit: '단위',
    direction: '방향',
    aggregation: '집계 방식',
    frequency: '보고 주기',
    baseline: '기준값',
    baseline_year: '기준 연도',
    on_track_threshold: '정상 기준',
    at_risk_threshold: '주의 기준',
    weight: '가중치',
    headline: '핵심 지표',
    source: '출처',
    definition_ko: '지표 정의(국문)',
    definition_en: '지표 정의(영문)',
    formula_ko: '산식(국문)',
    formula_en: '산식(영문)',
    data_source_ko: '자료 출처(국문)',
    data_source_en: '자료 출처(영문)',
  },
  targets: {
    kpi_code: '지표 코드',
    period: '기간',
    target: '당초 목표',
    revised_target: '변경 목표',
    revision_reason: '변경 사유',
  },
  milestones: {
    project_code: '사업 코드',
    milestone_code: '마일스톤 코드',
    name_ko: '마일스톤명(국문)',
    name_en: '마일스톤명(영문)',
    department_code: '부서 코드',
    planned: '계획일',
    weight: '가중치',
    source: '출처',
  },
};

/** The column holding a sheet's own code (targets: the indicator's, with the period beside it). */
export const CODE_COLUMN: Record<SheetKind, string> = {
  sectors: 'sector_code',
  strategies: 'strategy_code',
  projects: 'project_code',
  indicators: 'kpi_code',
  targets: 'kpi_code',
  milestones: 'milestone_code',
};

/** The column naming a thing's parent, and the parent's kind. */
export const PARENT: Partial<Record<SheetKind, { column: string; kind: SheetKind }>> = {
  strategies: { column: 'sector_code', kind: 'sectors' },
  projects: { column: 'strategy_code', kind: 'strategies' },
  indicators: { column: 'project_code', kind: 'projects' },
  targets: { column: 'kpi_code', kind: 'indicators' },
  milestones: { column: 'project_code', kind: 'projects' },
};

export function columnsOf(kind: SheetKind): string[] {
  return Object.keys(COLUMNS[kind]);
}

export function headerOf(kind: SheetKind, lang: Lang): string[] {
  return lang === 'en' ? columnsOf(kind) : Object.values(COLUMNS[kind]);
}

/** The kind a sheet name names, in either language (case and spaces aside), or null. */
export function kindOfSheetName(name: string): SheetKind | null {
  const wanted = name.trim().toLowerCase();
  return SHEET_KINDS.find((kind) => Object.values(SHEET_NAMES[kind]).includes(wanted)) ?? null;
}

/** The column a header names, in either language, or null. */
export function columnOfHeader(kind: SheetKind, header: string): string | null {
  const wanted = header.trim().replace(/\s+/g, ' ');
  for (const [column, ko] of Object.entries(COLUMNS[kind]))
    if (column === wanted.toLowerCase() || ko === wanted) return column;
  return null;
}

/** The kind whose columns a header row holds (a CSV has no sheet name): all of one kind's, or null. */
export function kindOfHeader(header: readonly string[]): SheetKind | null {
  const found = SHEET_KINDS.filter((kind) => {
    const columns = header.map((h) => columnOfHeader(kind, h));
    return columns.every((c) => c !== null) && columnsOf(kind).every((c) => columns.includes(c));
  });
  return found.length === 1 ? (found[0] ?? null) : null;
}

/** The words of the enumerations: the stored value → its Korean word (English: the value itself). */
export const WORDS: Record<string, Record<string, string>> = {
  direction: { increase: '증가', decrease: '감소' },
  aggregation: { sum: '합계', last: '최종값', average: '평균', milestones: '마일스톤' },
  frequency: { monthly: '월', quarterly: '분기', annual: '연' },
  headline: { yes: '예', no: '아니오' },
};

export function wordFor(column: string, value: string, lang: Lang): string {
  return lang === 'ko' ? (WORDS[column]?.[value] ?? value) : value;
}

/** The stored value a word names in either language, or null (never a guess). */
export function valueOfWord(column: string, word: string): string | null {
  const words = WORDS[column] ?? {};
  const wanted = word.trim().toLowerCase();
  for (const [value, ko] of Object.entries(words)) if (value === wanted || ko === word.trim()) return value;
  return null;
}

/**
 * A number as a spreadsheet keeps it: 15 significant digits (Excel's, and what the importer reads
 * back exactly). A stored average such as 37/3 has 17; written whole in a CSV it would be refused
 * on the way back (too_many_digits), so the CSV writes it so and the dry-run compares at that precision.
 */
export const spreadsheetNumber = (value: number) => Number(value.toPrecision(15));

/** The same value to a spreadsheet: equal after every number is taken to 15 significant digits. */
export function sameInSpreadsheet(a: unknown, b: unknown): boolean {
  const text = (v: unknown) =>
    JSON.stringify(v ?? null, (_key, x) => (typeof x === 'number' ? spreadsheetNumber(x) : x));
  return text(a) === text(b);
}
