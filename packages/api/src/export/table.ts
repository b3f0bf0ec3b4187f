/**
 * A table to export: column identifiers, the header row in the chosen language, and the rows
 * (a list; or, for tables too large to hold in memory, rows read from the database as they are
 * taken: a generator on SQLite, batches through a cursor on PostgreSQL, @tangible/db row-source.ts;
 * the sender takes them in slices, apps/server/src/csv.ts). How CSV is written is defined by
 * csv-stringify with csvOptions below; csvBytes writes the same bytes faster (table.test.ts).
 */

import { neutralizeCell } from '@tangible/core';
import type { RowSource } from '@tangible/db';
import type { Options as StringifyOptions } from 'csv-stringify';

export type Cell = string | number | null;
export type Lang = 'ko' | 'en';

export interface ExportTable {
  /** What is inside, for the file name: e.g. `indicators-2024-as-of-2024-06`. */
  name: string;
  columns: readonly string[];
  header: string[];
  rows: RowSource<Cell[]>;
}

/**
 * Header labels. English headers are the column identifiers of the public contract (stable for
 * scripts); Korean headers are words, for people opening the file in Excel.
 */
const KO: Record<string, string> = {
  sector_code: '분야 코드',
  sector_name: '분야',
  strategy: '전략',
  project: '사업',
  kpi_code: '지표 코드',
  kpi_name: '지표명',
  unit: '단위',
  direction: '방향',
  aggregation: '집계 방식',
  frequency: '보고 주기',
  department: '담당 부서',
  department_code: '부서 코드',
  baseline: '기준값',
  annual_target: '연간 목표',
  original_target: '당초 목표',
  revised_target: '변경 목표',
  revised_at: '목표 변경일',
  revision_reason: '목표 변경 사유',
  target_to_date: '누계 목표',
  actual_to_date: '누계 실적',
  attainment: '달성률',
  status: '상태',
  forecast_year_end: '연말 전망',
  forecast_meets_target: '목표 달성 전망',
  last_period: '최근 보고 기간',
  as_of: '기준 월',
  source: '출처',
  period: '기간',
  value: '값',
  note: '비고',
  evidence_url: '증빙 링크',
  entered_by: '입력자',
  entered_at: '입력 일시',
  reviewed_at: '검토 일시',
  review_reason: '반려 사유',
  analysis: '원인 분석',
  next_steps: '향후 대책',
  meeting_date: '회의 일자',
  meeting_name: '회의',
  directive: '지시사항',
  departments: '담당 부서',
  due_date: '기한',
  overdue: '기한 경과',
  directive_id: '지시 번호',
  milestone_code: '마일스톤 코드',
  milestone_name: '마일스톤',
  planned: '계획일',
  forecast: '예상일',
  actual: '완료일',
  state: '진행 상태',
  slippage_days: '지연 일수',
  weight: '가중치',
  score: '종합 달성도',
  on_track: '정상',
  at_risk: '주의',
  off_track: '부진',
  no_data: '자료 없음',
  indicators: '지표 수',
  unreported: '미보고 지표 수',
  at: '일시',
  actor: '변경자',
  action: '변경 내용',
  entity_type: '대상 종류',
  entity_id: '대상',
  before: '변경 전',
  after: '변경 후',
  reason: '사유',
  kind: '행 구분',
  baseline_of_plan: '기준값 출처 계획',
};

export function headerFor(columns: readonly string[], lang: Lang): string[] {
  return columns.map((column) => (lang === 'ko' ? (KO[column] ?? column) : column));
}

/** Rounds away floating-point dust (0.30000000000000004) without losing real precision. */
export function plain(value: number | null, digits = 6): number | null {
  if (value === null) return null;
  // A whole number has no dust (and toFixed would give it back unchanged): most targets and values.
  if (Number.isInteger(value)) return value;
  return Number(value.toFixed(digits));
}

/**
 * csv-stringify options for an export, shared by the server and the CLI: RFC 4180 quoting with CRLF,
 * a UTF-8 byte-order mark (Excel then reads Korean correctly), the header row, plain numbers (no
 * exponent, no locale), empty cells for missing values, and text that would run as a formula
 * neutralised (see core/spreadsheet.ts), headers included.
 */
export function csvOptions(header: string[], bom = true): StringifyOptions {
  return {
    bom,
    header: true,
    columns: header.map((label, i) => ({ key: String(i), header: label })),
    record_delimiter: 'windows',
    // With a record delimiter given, csv-stringify quotes only cells holding that exact CRLF: a lone
    // LF or CR would then start a new row in Excel, LibreOffice and Python's csv, and the text after
    // it a new first cell (which neutralizing the cell's start cannot see). Quote them all.
    quote_record_delimiter: true,
    cast: {
      string: (value) => String(neutralizeCell(value)),
      number: (value) => (Number.isFinite(value) ? String(value) : ''),
      boolean: (value) => String(value),
    },
  };
}

/** Text that RFC 4180 quoting (csvOptions: any line break, as quote_record_delimiter asks) must quote. */
const QUOTED = /[",\r\n]/;

/** A cell as csv-stringify writes it with csvOptions. */
function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = String(neutralizeCell(cell));
  return QUOTED.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A line's most UTF-8 bytes per UTF-16 unit (a BMP character is 1 unit and at most 3 bytes). */
const MOST_BYTES_PER_UNIT = 3;
/** The buffers lines are written into, the last cut to what was written. */
const BUFFER_BYTES = 65_536;

/**
 * Rows as CSV in UTF-8, byte for byte what csv-stringify writes with csvOptions(header) for the rows
 * as records keyed by column position (with the byte-order mark and header row when `header` is
 * given), in a fraction of the time: an export of hundreds of thousands of rows spends most of its
 * time here. Rows are `width` cells wide: a short one gets empty cells, a long one is cut, as there.
 *
 * Each line is encoded as it is made into a buffer of 64 KB: text joined first and encoded at the
 * end is a rope of every cell, which V8 must flatten before encoding, and that cost as much as
 * writing the cells (2,000 indicators' lines: 11–15 ms joined, 6–8 ms line by line).
 */
export function csvBytes(
  rows: readonly (readonly Cell[])[],
  width: number,
  header?: readonly string[],
): Buffer {
  const buffers: Buffer[] = [];
  let buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let at = 0;
  const put = (line: string) => {
    const most = line.length * MOST_BYTES_PER_UNIT;
    if (at + most > buffer.length) {
      buffers.push(buffer.subarray(0, at));
      buffer = Buffer.allocUnsafe(Math.max(BUFFER_BYTES, most));
      at = 0;
    }
    at += buffer.write(line, at);
  };
  if (header) put(`\ufeff${header.map(cellText).join(',')}\r\n`);
  for (const row of rows) {
    let line = cellText(row[0]);
    for (let i = 1; i < width; i++) line += `,${cellText(row[i])}`;
    put(`${line}\r\n`);
  }
  buffers.push(buffer.subarray(0, at));
  return buffers.length === 1 ? (buffers[0] as Buffer) : Buffer.concat(buffers);
}

/** csvBytes as text (for a caller that puts the CSV in a file of its own, e.g. a workbook's). */
export function csvText(
  rows: readonly (readonly Cell[])[],
  width: number,
  header?: readonly string[],
): string {
  return csvBytes(rows, width, header).toString('utf8');
}
