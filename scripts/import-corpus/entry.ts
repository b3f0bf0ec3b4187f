/**
 * One file of the import corpus: who uploads it, how they map it (as a person would choose on the
 * import screen), and what the import must say about it, written down by hand from the file, not
 * from what the import happens to do: the values it would write, or the exact problems and where.
 */

import type { Mapping } from '@tangible/api';

export type Uploader = 'tourism.head' | 'fin.head' | 'carbon.head' | 'airport.head';

export interface Expected {
  /**
   * accepted: no problem, values to write; nothing_to_import: no problem and nothing new;
   * refused: problems at cells (nothing is written); file_refused: the file as a whole is refused;
   * mapping_refused: the columns chosen cannot be read as they are (before any row is).
   */
  outcome: 'accepted' | 'nothing_to_import' | 'refused' | 'file_refused' | 'mapping_refused';
  format?: 'csv' | 'text-utf16' | 'xlsx' | 'html-table';
  encoding?: string | null;
  /** The header row the import finds (or the one given). */
  headerRow?: number;
  /** Every row without a problem, in file order: [indicator code, period, value]. */
  values?: [string, string, number][];
  /** Every problem: [position, code]. */
  problems?: [string, string][];
  warnings?: [string, string][];
  /**
   * Values written that owe their commentary (원인 분석, 향후 대책): [position, code]. Written down
   * for the files whose slipping is plain from the file and the plan; every file's are one of its
   * values (the test checks), never a problem.
   */
  commentaryOwed?: [string, string][];
  /** Cells not reported: [position, placeholder or null for an empty cell]. */
  notReported?: [string, string | null][];
  /** A file or mapping refused as a whole: its problem's code. */
  fileProblem?: string;
}

export interface CorpusEntry {
  file: string;
  /** What the file is, as a Busan official would produce it (Korean, for the README). */
  about: string;
  user: Uploader;
  mapping: Mapping;
  sheet?: string;
  headerRow?: number;
  expect: Expected;
}

export interface CorpusFile extends CorpusEntry {
  bytes: () => Uint8Array | Promise<Uint8Array>;
}

export const template = { kind: 'template' } as const satisfies Mapping;
export const wideByName = {
  kind: 'wide',
  indicator: '지표명',
  indicatorBy: 'name',
} as const satisfies Mapping;

export function long(
  indicator: string,
  indicatorBy: 'code' | 'name',
  period: string,
  value: string,
  note?: string,
): Mapping {
  return { kind: 'long', indicator, indicatorBy, period, value, ...(note ? { note } : {}) };
}
