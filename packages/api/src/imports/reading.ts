/**
 * Reading a sheet's data rows through its layout and mapping into entries to check: each cell read
 * as what its column holds (cells.ts). A blank or a placeholder is "not reported", listed and never
 * an error; a total column that disagrees with the sum of the periods is a warning; total rows are
 * skipped. Every problem names the cell as the person finds it (`D14`, `실적!D14`).
 */

import type { Frequency } from '@tangible/core';
import { type Problem, problem } from '../problems.js';
import type { ReportEntry } from '../reporting.js';
import { matchIndicatorName, type NamedIndicator, nameProblem, readNumber, readPeriod } from './cells.js';
import type { SheetLayout } from './layout.js';
import type { ResolvedMapping } from './mapping.js';
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

type Field = 'code' | 'period' | 'value' | 'note' | 'evidenceUrl';

export interface Candidate {
  line: number;
  /** For wide files, the period column this value comes from. */
  column: string | null;
  code: string | null;
  period: string | null;
  value: number | null;
  note: string | null;
  problems: ImportProblem[];
  entry: ReportEntry | null;
  /** Where each field was read, to place the checks' problems. */
  at: Record<Field, { column: string; position: string }>;
}

export interface SheetReading {
  candidates: Candidate[];
  notReported: NotReported[];
  warnings: ImportWarning[];
}

const EMPTY: SourceCell = { text: '' };
const hasText = (cell: SourceCell) => cell.text.trim() !== '' || cell.typed !== undefined;

export function readSheet(
  sheetName: string | null,
  layout: SheetLayout,
  map: ResolvedMapping,
  indicators: readonly KnownIndicator[],
  planYear: number,
  merges: SourceSheet['merges'] = [],
  /**
   * Whether a cell past the header's last column refuses its row: in a text file it is a field the
   * header does not have, most often an unquoted thousands comma (`32,450` read as 32 and 450).
   */
  refuseCellsPastHeader = false,
): SheetReading {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const candidates: Candidate[] = [];
  const notReported: NotReported[] = [];
  const warnings: ImportWarning[] = [];
  const seen = new Map<string, number>();
  const place = (row: number, column: number | null) =>
    column === null
      ? { column: '', position: '' }
      : { column: layout.header[column] ?? '', position: cellPosition(sheetName, row, column) };

  // A value merged over several periods (1–3월 in one cell, or down a long sheet's value column) is
  // not split: its top-left cell is a problem saying so, the cells it covers are neither read nor
  // listed as not reported (the sheet's readers already read them as empty, see sources/merges.ts).
  const acrossPeriods = (merges ?? []).filter((m) =>
    map.kind === 'long'
      ? map.value !== null && m.left <= map.value && map.value <= m.right && m.bottom > m.top
      : map.periodColumns.filter(({ column }) => m.left <= column && column <= m.right).length > 1,
  );
  const mergeAt = (row: number, column: number) =>
    acrossPeriods.find((m) => m.top <= row && row <= m.bottom && m.left <= column && column <= m.right);

  /** The indicator a cell names, or its problem (with candidates for a name). */
  const indicatorOf = (cell: SourceCell, line: number) => {
    const text = cell.text.trim();
    const where = place(line, map.indicator);
    if (map.indicatorBy === 'code' || map.names[text]) {
      const code = (map.names[text] ?? text).toUpperCase();
      const found = byCode.get(code);
      if (found) return { indicator: found, problem: null };
      return {
        indicator: null,
        problem: { line, ...where, ...problem('unknown_indicator', { value: text, year: planYear }) },
      };
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
      problem: {
        line,
        ...where,
        ...problem(found.code, found.params),
        ...(candidates.length > 0 ? { candidates } : {}),
      },
    };
  };

  const add = (
    row: SourceRow,
    indicatorCell: SourceCell,
    periodAt: { cell: SourceCell; row: number; column: number },
    valueColumn: number,
    wide: boolean,
    note: SourceCell,
    evidence: SourceCell,
  ): number | null => {
    const line = row.row;
    const merge = mergeAt(line, valueColumn);
    if (merge && (merge.top !== line || merge.left !== valueColumn)) return null;
    const valueCell = row.cells[valueColumn] ?? EMPTY;
    const at: Candidate['at'] = {
      code: place(line, map.indicator),
      period: place(periodAt.row, periodAt.column),
      value: place(line, valueColumn),
      note: place(line, map.note),
      evidenceUrl: place(line, map.evidence),
    };
    const problems: ImportProblem[] = [];
    const named = hasText(indicatorCell) ? indicatorOf(indicatorCell, line) : null;
    const indicator = named?.indicator ?? null;
    const periodReading = readPeriod(periodAt.cell, {
      planYear,
      frequency: indicator?.frequency,
      header: wide,
    });
    const period = periodReading.kind === 'value' ? periodReading.value : null;
    const valueReading = readNumber(valueCell, { unit: indicator?.unit ?? '' });
    if (valueReading.kind === 'blank') {
      notReported.push({
        line,
        ...at.value,
        code: indicator?.code ?? null,
        period,
        placeholder: valueReading.placeholder,
      });
      return null;
    }
    if (!named) problems.push({ line, ...at.code, ...problem('empty_indicator') });
    else if (named.problem) problems.push(named.problem);
    if (periodReading.kind === 'problem')
      problems.push({ line, ...at.period, ...problem(periodReading.code, periodReading.params) });
    else if (periodReading.kind === 'blank')
      problems.push({ line, ...at.period, ...problem('bad_period', { value: '' }) });
    if (valueReading.kind === 'problem')
      problems.push({ line, ...at.value, ...problem(valueReading.code, valueReading.params) });
    if (merge) {
      const range = `${columnLetter(merge.left)}${merge.top}:${columnLetter(merge.right)}${merge.bottom}`;
      problems.push({
        line,
        ...at.value,
        ...problem('merged_value_across_periods', { value: valueCell.text.trim(), range }),
      });
    }
    const value = valueReading.kind === 'value' ? valueReading.value : null;
    const code = indicator?.code ?? null;
    if (problems.length === 0 && code && period) {
      const key = `${code} ${period}`;
      const earlier = seen.get(key);
      // In a wide sheet the period cell is the header, shared by every row: the repeat is this value.
      if (earlier !== undefined)
        problems.push({
          line,
          ...(wide ? at.value : at.period),
          ...problem('duplicate_line', { key, line: earlier }),
        });
      else seen.set(key, line);
    }
    const noteText = note.text.trim() || null;
    const evidenceText = evidence.text.trim() || null;
    candidates.push({
      line,
      column: wide ? at.value.column : null,
      code,
      period,
      value,
      note: noteText,
      problems,
      entry:
        problems.length === 0 && code && period && value !== null
          ? { code, period, value, note: noteText, evidenceUrl: evidenceText }
          : null,
      at,
    });
    return value;
  };

  for (const row of layout.dataRows) {
    const cell = (index: number | null) => (index === null ? EMPTY : (row.cells[index] ?? EMPTY));
    const past = refuseCellsPastHeader
      ? row.cells.findIndex((c, index) => index >= layout.header.length && hasText(c))
      : -1;
    if (past !== -1) {
      const where = { column: '', position: cellPosition(sheetName, row.row, past) };
      candidates.push({
        line: row.row,
        column: null,
        code: null,
        period: null,
        value: null,
        note: null,
        problems: [
          {
            line: row.row,
            ...where,
            ...problem('field_past_header', {
              value: row.cells[past]?.text ?? '',
              fields: layout.header.length,
            }),
          },
        ],
        entry: null,
        at: { code: where, period: where, value: where, note: where, evidenceUrl: where },
      });
      continue;
    }
    const indicatorCell = cell(map.indicator);
    if (map.kind === 'long') {
      // A row with neither an indicator nor a value (only 연번, or a remark) is not a row of data.
      if (!hasText(indicatorCell) && !hasText(cell(map.value))) continue;
      add(
        row,
        indicatorCell,
        { cell: cell(map.period), row: row.row, column: map.period ?? 0 },
        map.value ?? 0,
        false,
        cell(map.note),
        cell(map.evidence),
      );
      continue;
    }
    if (!hasText(indicatorCell) && map.periodColumns.every(({ column }) => !hasText(cell(column)))) continue;
    let sum = 0;
    for (const { column, cell: header } of map.periodColumns) {
      const value = add(
        row,
        indicatorCell,
        { cell: header, row: layout.headerRow, column },
        column,
        true,
        EMPTY,
        EMPTY,
      );
      sum += value ?? 0;
    }
    const indicator = hasText(indicatorCell) ? indicatorOf(indicatorCell, row.row).indicator : null;
    if (map.total !== null && indicator?.aggregation === 'sum') {
      const total = readNumber(cell(map.total), { unit: indicator.unit });
      // Compared at the precision people type: sums of decimals carry binary noise.
      if (total.kind === 'value' && Math.abs(total.value - sum) > 1e-9 * Math.max(1, Math.abs(sum))) {
        const where = place(row.row, map.total);
        warnings.push({
          line: row.row,
          ...where,
          ...problem('total_mismatch', {
            total: total.value,
            sum: Number(sum.toPrecision(15)),
          }),
        });
      }
    }
  }
  if (map.kind === 'wide') warnings.push(...columnsNotRead(sheetName, layout, map));
  return { candidates, notReported, warnings };
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
): ImportWarning[] {
  const read = new Set([
    map.indicator,
    ...map.periodColumns.map((p) => p.column),
    ...layout.roles.map((r) => r.column),
  ]);
  const warnings: ImportWarning[] = [];
  layout.header.forEach((name, column) => {
    if (read.has(column) || !layout.dataRows.some((row) => hasText(row.cells[column] ?? EMPTY))) return;
    warnings.push({
      line: layout.headerRow,
      column: name,
      position: cellPosition(sheetName, layout.headerRow, column),
      ...problem('column_not_read', { name: name.trim() }),
    });
  });
  return warnings;
}
