/**
 * Reading a sheet's data rows through its layout and mapping into entries to check: each cell read
 * as what its column holds (cells.ts). A blank or a placeholder is "not reported", listed and never
 * an error; a total column that disagrees with the sum of the periods is a warning; total rows are
 * skipped. Every problem names the cell as the person finds it (`D14`, `실적!D14`).
 */

import type { Frequency } from '@tangible/core';
import { type Problem, problem } from '../problems.js';
import type { ReportEntry } from '../reporting.js';
import {
  matchIndicatorName,
  type NamedIndicator,
  nameProblem,
  type Reading,
  readNumber,
  readPeriod,
} from './cells.js';
import type { SheetLayout } from './layout.js';
import type { ResolvedMapping } from './mapping.js';
import { mergedRows, type ReadCell, type ValueMerge } from './merged-cells.js';
import { cellPosition, columnLetter, type SourceCell, type SourceRow, type SourceSheet } from './source.js';

export interface ImportProblem extends Problem {
  /** The row number the person sees (Excel's). */
  line: number;
  /** The column's header as it appears in the file. */
  column: string;
  /** The cell: `D14`, or `실적!D14` in a workbook. */
  position: string;
  /** For a name that matches no indicator: the closest ones, to choose from. */
  candidates?: NamedIndicator[];
}

/** A cell left blank or holding a placeholder (`-`, `해당없음`): nothing reported, nothing written. */
export interface NotReported {
  line: number;
  column: string;
  position: string;
  code: string | null;
  period: string | null;
  placeholder: string | null;
}

export type ImportWarning = Omit<ImportProblem, 'candidates'>;

export interface KnownIndicator extends NamedIndicator {
  unit: string;
  frequency: Frequency;
  aggregation: string;
}

type Field = 'code' | 'period' | 'value' | 'note' | 'evidenceUrl' | 'analysis' | 'nextSteps';
type Place = { column: string; position: string };
/** Where a field was read: the row's own cell, or a merged one above it (merged-cells.ts). */
type CellAt = Omit<ReadCell, 'cell'>;

/** What every candidate of a sheet shares, to say where its fields were read. */
interface SheetPlaces {
  sheetName: string | null;
  header: readonly string[];
  map: ResolvedMapping;
}

const NOWHERE: Place = { column: '', position: '' };

/**
 * One value the sheet offers (a long row, or one period cell of a wide row), read and not yet
 * checked. Where each field was read is worked out when asked (a problem's place), not for every
 * row: a 100,000-row file makes no 500,000 position strings it never shows.
 */
export class Candidate {
  readonly problems: ImportProblem[] = [];
  entry: ReportEntry | null = null;
  constructor(
    private readonly places: SheetPlaces,
    readonly line: number,
    /** For wide files, the period column this value comes from. */
    readonly column: string | null,
    readonly code: string | null,
    readonly period: string | null,
    readonly value: number | null,
    readonly note: string | null,
    private readonly valueColumn: number,
    private readonly codeAt: CellAt,
    private readonly periodAt: CellAt,
    /** Every field at one cell (a row refused as a whole, at the cell that refuses it). */
    private readonly fixed: Place | null = null,
  ) {}

  /** Where a field was read: its column's header and the cell. */
  place(field: Field): Place {
    if (this.fixed) return this.fixed;
    const { map } = this.places;
    switch (field) {
      case 'code':
        return placeIn(this.places, this.codeAt.row, this.codeAt.column);
      case 'period':
        return placeIn(this.places, this.periodAt.row, this.periodAt.column);
      case 'value':
        return placeIn(this.places, this.line, this.valueColumn);
      case 'note':
        return placeIn(this.places, this.line, map.note);
      case 'evidenceUrl':
        return placeIn(this.places, this.line, map.evidence);
      case 'analysis':
        return placeIn(this.places, this.line, map.analysis);
      case 'nextSteps':
        return placeIn(this.places, this.line, map.nextSteps);
    }
  }

  /** Where each field was read. */
  get at(): Record<Field, Place> {
    return {
      code: this.place('code'),
      period: this.place('period'),
      value: this.place('value'),
      note: this.place('note'),
      evidenceUrl: this.place('evidenceUrl'),
      analysis: this.place('analysis'),
      nextSteps: this.place('nextSteps'),
    };
  }
}

function placeIn({ sheetName, header }: SheetPlaces, row: number, column: number | null): Place {
  return column === null
    ? NOWHERE
    : { column: header[column] ?? '', position: cellPosition(sheetName, row, column) };
}

export interface SheetReading {
  candidates: Candidate[];
  notReported: NotReported[];
  warnings: ImportWarning[];
}

const EMPTY: SourceCell = { text: '' };
const NO_COMMENTARY = { analysis: EMPTY, nextSteps: EMPTY };
const cellOf = (row: SourceRow, index: number | null) =>
  index === null ? EMPTY : (row.cells[index] ?? EMPTY);
const at = (candidate: Candidate, field: Field) => ({ line: candidate.line, ...candidate.place(field) });
const hasText = (cell: SourceCell) => cell.typed !== undefined || cell.text.trim() !== '';

/**
 * Readings that depend on the cell and its context only, remembered: a file writes the same dozen
 * periods and the same names on every row. Bounded, so a file of distinct texts costs no more than
 * reading them.
 */
const REMEMBERED = 4096;
function remembering<T>(read: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let found = known.get(key);
    if (found === undefined) {
      found = read(key);
      if (known.size < REMEMBERED) known.set(key, found);
    }
    return found;
  };
}

const cellKey = (cell: SourceCell) =>
  cell.typed === undefined
    ? `t${cell.text}`
    : cell.typed.kind === 'date'
      ? `d${cell.typed.year}-${cell.typed.month}-${cell.typed.day}`
      : `n${cell.typed.value}`;

/** Every candidate of a sheet, collected (small files, tests); the preview takes them one by one. */
export function readSheet(
  sheetName: string | null,
  layout: SheetLayout,
  map: ResolvedMapping,
  indicators: readonly KnownIndicator[],
  planYear: number,
  merges: SourceSheet['merges'] = [],
  refuseCellsPastHeader = false,
): SheetReading {
  const candidates: Candidate[] = [];
  const { notReported, warnings } = eachCandidate(
    { sheetName, layout, map, indicators, planYear, merges, refuseCellsPastHeader },
    (candidate) => candidates.push(candidate),
  );
  return { candidates, notReported, warnings };
}

export interface SheetToRead {
  sheetName: string | null;
  layout: SheetLayout;
  map: ResolvedMapping;
  indicators: readonly KnownIndicator[];
  planYear: number;
  merges?: SourceSheet['merges'] | undefined;
  /**
   * Whether a cell past the header's last column refuses its row: in a text file it is a field the
   * header does not have, most often an unquoted thousands comma (`32,450` read as 32 and 450).
   */
  refuseCellsPastHeader?: boolean;
  /**
   * The header row's fields as the text file wrote them, trailing empty ones included (its
   * SourceRow's `fields`): a record with more was split by a comma inside a value, whatever its
   * extra fields hold.
   */
  headerFields?: number | undefined;
  /**
   * Whether cells are separated by commas (a CSV file): a value of one to three digits followed by
   * a cell that starts with three digits may be one number split at its unquoted thousands comma.
   */
  commaSeparated?: boolean;
  /** Not-reported cells listed at most (the rest counted): a file's blanks are not the answer. */
  listLimit?: number;
}

/**
 * Reads a sheet's data rows one by one, giving each candidate to `visit` as soon as it is read, so
 * the caller checks it and keeps only what it needs; returns the not-reported cells (the first
 * `listLimit`, and how many in all) and the warnings.
 */
export function eachCandidate(
  sheet: SheetToRead,
  visit: (candidate: Candidate) => void,
): { notReported: NotReported[]; notReportedTotal: number; warnings: ImportWarning[] } {
  const { sheetName, layout, map, indicators, planYear } = sheet;
  const listLimit = sheet.listLimit ?? Number.POSITIVE_INFINITY;
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const places: SheetPlaces = { sheetName, header: layout.header, map };
  const notReported: NotReported[] = [];
  let notReportedTotal = 0;
  const warnings: ImportWarning[] = [];
  const seen = new Map<string, number>();
  const place = (row: number, column: number | null) => placeIn(places, row, column);

  const merged = mergedRows(sheet.merges, map, layout.headerRow);

  /** The indicator a text names, or its problem's reason (with candidates for a name). */
  const named = remembering(
    (
      text: string,
    ): { indicator: KnownIndicator | null; problem: Problem | null; candidates?: NamedIndicator[] } => {
      if (map.indicatorBy === 'code' || map.names[text]) {
        const found = byCode.get((map.names[text] ?? text).toUpperCase());
        if (found) return { indicator: found, problem: null };
        return { indicator: null, problem: problem('unknown_indicator', { value: text, year: planYear }) };
      }
      const match = matchIndicatorName(text, indicators);
      if (match.kind === 'match') return { indicator: byCode.get(match.code) ?? null, problem: null };
      const candidates = match.candidates
        .map((c) => byCode.get(c.code))
        .filter((i): i is KnownIndicator => i !== undefined)
        .map(({ code, name_ko, name_en }) => ({ code, name_ko, name_en }));
      // "Did you mean …" (or "two indicators have this name") with the closest names, else unknown.
      const found = nameProblem(text, match, planYear);
      return {
        indicator: null,
        problem: problem(found.code, found.params),
        ...(candidates.length > 0 ? { candidates } : {}),
      };
    },
  );
  const indicatorOf = (cell: SourceCell) => (hasText(cell) ? named(cell.text.trim()) : null);

  const periodReadings = new Map<string, Reading<string>>();
  /** A period cell's reading, remembered per frequency and cell. */
  const periodOf = (cell: SourceCell, frequency: Frequency | undefined, header: boolean) => {
    const key = `${frequency ?? ''}${header ? 'h' : ''}|${cellKey(cell)}`;
    let reading = periodReadings.get(key);
    if (reading === undefined) {
      reading = readPeriod(cell, { planYear, frequency, header });
      if (periodReadings.size < REMEMBERED) periodReadings.set(key, reading);
    }
    return reading;
  };

  const add = (
    line: number,
    row: SourceRow,
    indicator: ReturnType<typeof indicatorOf>,
    codeAt: CellAt,
    periodAt: ReadCell,
    valueColumn: number,
    merge: ValueMerge | undefined,
    wide: boolean,
    note: SourceCell,
    evidence: SourceCell,
    commentary: { analysis: SourceCell; nextSteps: SourceCell } = NO_COMMENTARY,
  ): number | null => {
    if (merge && (merge.top !== line || merge.left !== valueColumn)) return null;
    const valueCell = row.cells[valueColumn] ?? EMPTY;
    const found = indicator?.indicator ?? null;
    const periodReading = periodOf(periodAt.cell, found?.frequency, wide);
    const period = periodReading.kind === 'value' ? periodReading.value : null;
    const valueReading = readNumber(valueCell, { unit: found?.unit ?? '' });
    if (valueReading.kind === 'blank') {
      notReportedTotal += 1;
      if (notReported.length < listLimit)
        notReported.push({
          line,
          ...place(line, valueColumn),
          code: found?.code ?? null,
          period,
          placeholder: valueReading.placeholder,
        });
      return null;
    }
    const value = valueReading.kind === 'value' ? valueReading.value : null;
    const code = found?.code ?? null;
    const noteText = note.text.trim() || null;
    const candidate = new Candidate(
      places,
      line,
      wide ? (layout.header[valueColumn] ?? '') : null,
      code,
      period,
      value,
      noteText,
      valueColumn,
      codeAt,
      periodAt,
    );
    const problems = candidate.problems;
    if (!indicator) problems.push({ ...at(candidate, 'code'), ...problem('empty_indicator') });
    else if (indicator.problem)
      problems.push({
        ...at(candidate, 'code'),
        ...indicator.problem,
        ...(indicator.candidates ? { candidates: indicator.candidates } : {}),
      });
    if (periodReading.kind === 'problem')
      problems.push({ ...at(candidate, 'period'), ...problem(periodReading.code, periodReading.params) });
    else if (periodReading.kind === 'blank')
      problems.push({ ...at(candidate, 'period'), ...problem('bad_period', { value: '' }) });
    if (valueReading.kind === 'problem')
      problems.push({ ...at(candidate, 'value'), ...problem(valueReading.code, valueReading.params) });
    else if (!wide && sheet.commaSeparated) {
      // `32,450` and `32,450명` written without quotes: the next cell starts with the three digits
      // and, joined back, the two read as one number in the indicator's unit. `450명 증가` does not.
      const next = (row.cells[valueColumn + 1] ?? EMPTY).text;
      if (
        valueCell.typed === undefined &&
        /^[+-]?\d{1,3}$/.test(valueCell.text) &&
        /^\d{3}/.test(next) &&
        readNumber({ text: `${valueCell.text},${next}` }, { unit: found?.unit ?? '' }).kind === 'value'
      )
        problems.push({
          ...at(candidate, 'value'),
          ...problem('split_thousands', {
            value: valueCell.text,
            next,
            joined: `${valueCell.text},${next}`,
            plain: `${valueCell.text}${next}`,
          }),
        });
    }
    if (merge) {
      const range = `${columnLetter(merge.left)}${merge.top}:${columnLetter(merge.right)}${merge.bottom}`;
      problems.push({
        ...at(candidate, 'value'),
        ...problem(merge.code, { value: valueCell.text.trim(), range }),
      });
    }
    if (problems.length === 0 && code && period) {
      const key = `${code} ${period}`;
      const earlier = seen.get(key);
      // The repeat is named at the row's own period cell; a period cell shared by several rows (a
      // wide sheet's header, a long sheet's merged period) is not it: the value is.
      if (earlier !== undefined)
        problems.push({
          ...at(candidate, periodAt.row === line ? 'period' : 'value'),
          ...problem('duplicate_line', { key, line: earlier }),
        });
      else seen.set(key, line);
    }
    if (problems.length === 0 && code && period && value !== null)
      candidate.entry = {
        code,
        period,
        value,
        note: noteText,
        evidenceUrl: evidence.text.trim() || null,
        analysis: commentary.analysis.text.trim() || null,
        nextSteps: commentary.nextSteps.text.trim() || null,
      };
    visit(candidate);
    return value;
  };

  const headerWidth = layout.header.length;
  const { headerFields } = sheet;
  for (const row of layout.dataRows) {
    const line = row.row;
    let past = -1;
    let fields = headerWidth;
    if (sheet.refuseCellsPastHeader)
      for (let index = headerWidth; index < row.cells.length && past === -1; index++)
        if (hasText(row.cells[index] as SourceCell)) past = index;
    // Empty fields count too: `외국인 관광객 수,1,200,900,,` under five columns moved 1,200's 200 and
    // every value after it one month on, then lost its trailing empty fields, and is no wider than
    // the header by its cells. Excel pads every row of a CSV it saves to the same number of fields,
    // so this never fires on Excel's files.
    if (past === -1 && headerFields !== undefined && row.fields !== undefined && row.fields > headerFields) {
      past = headerFields;
      fields = headerFields;
    }
    if (past !== -1) {
      const where = { column: '', position: cellPosition(sheetName, line, past) };
      const here = { row: line, column: null };
      const refused = new Candidate(places, line, null, null, null, null, null, past, here, here, where);
      const count = row.fields ?? row.cells.length;
      refused.problems.push({ line, ...where, ...problem('field_past_header', { fields, count }) });
      visit(refused);
      continue;
    }
    const cells = merged(row);
    const indicatorCell = cells.indicator.cell;
    if (map.kind === 'long') {
      // A row with neither an indicator nor a value (only 연번, or a remark) is not a row of data.
      if (!hasText(indicatorCell) && !hasText(cellOf(row, map.value))) continue;
      const valueColumn = map.value ?? 0;
      add(
        line,
        row,
        indicatorOf(indicatorCell),
        cells.indicator,
        cells.period,
        valueColumn,
        cells.valueMerge(valueColumn),
        false,
        cellOf(row, map.note),
        cellOf(row, map.evidence),
        { analysis: cellOf(row, map.analysis), nextSteps: cellOf(row, map.nextSteps) },
      );
      continue;
    }
    if (!hasText(indicatorCell) && map.periodColumns.every(({ column }) => !hasText(cellOf(row, column))))
      continue;
    const indicator = indicatorOf(indicatorCell);
    let sum = 0;
    for (const { column, cell: header } of map.periodColumns) {
      const value = add(
        line,
        row,
        indicator,
        cells.indicator,
        { cell: header, row: layout.headerRow, column },
        column,
        cells.valueMerge(column),
        true,
        EMPTY,
        EMPTY,
      );
      sum += value ?? 0;
    }
    const found = indicator?.indicator;
    if (map.total !== null && found?.aggregation === 'sum') {
      const total = readNumber(cellOf(row, map.total), { unit: found.unit });
      // Compared at the precision people type: sums of decimals carry binary noise.
      if (total.kind === 'value' && Math.abs(total.value - sum) > 1e-9 * Math.max(1, Math.abs(sum))) {
        warnings.push({
          line,
          ...place(line, map.total),
          ...problem('total_mismatch', { total: total.value, sum: Number(sum.toPrecision(15)) }),
        });
      }
    }
  }
  if (map.kind === 'wide') warnings.push(...columnsNotRead(sheetName, layout, map, planYear));
  return { notReported, notReportedTotal, warnings };
}

/**
 * A wide sheet's columns that hold something and are read as nothing (not the indicator, not a
 * period, not a known 연번/단위/합계/비고 column), each named at its header: `4월(잠정)`, or a
 * month the person left unticked, is said to be left out rather than dropped unseen.
 */
function columnsNotRead(
  sheetName: string | null,
  layout: SheetLayout,
  map: ResolvedMapping,
  planYear: number,
): ImportWarning[] {
  const read = new Set([
    map.indicator,
    ...map.periodColumns.map((p) => p.column),
    ...layout.roles.map((r) => r.column),
  ]);
  const warnings: ImportWarning[] = [];
  layout.header.forEach((name, column) => {
    if (read.has(column) || !layout.dataRows.some((row) => hasText(row.cells[column] ?? EMPTY))) return;
    // 상반기/하반기 beside months or quarters is a subtotal, as 합계 is: read as nothing, by design.
    const half = readPeriod(layout.headerCells[column] ?? { text: name }, { planYear });
    if (half.kind === 'problem' && half.code === 'half_year_period') return;
    warnings.push({
      line: layout.headerRow,
      column: name,
      position: cellPosition(sheetName, layout.headerRow, column),
      ...problem('column_not_read', { name: name.trim() }),
    });
  });
  return warnings;
}
