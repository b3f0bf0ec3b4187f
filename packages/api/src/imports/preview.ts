/**
 * Importing actuals from a spreadsheet: a preview that says, before anything is written, which
 * sheet and header row it read, what each row would do, what was not reported, and everything that
 * is wrong (the cell and the reason); and the commit, which writes only a file with no errors, in
 * one transaction, as pending values, audited, remembering the columns the person chose.
 */

import { appendAudit, type Db, findCurrentOf, findIndicators } from '@tangible/db';
import type { Principal } from '../auth/policy.js';
import { problem, refuse } from '../problems.js';
import { type CheckedEntry, inspectEntries, type ReportEntry, writeEntries } from '../reporting.js';
import { textRefusal } from '../text.js';
import { type ColumnRole, layoutFingerprint, layoutOf } from './layout.js';
import { type Mapping, type ResolvedMapping, resolveMapping, templateMapping } from './mapping.js';
import { type ImportProblem, type ImportWarning, type NotReported, readSheet } from './reading.js';
import { findRememberedMapping, rememberMapping } from './remembered.js';
import type { Delimiter } from './source.js';
import { cellPosition, type SourceFile, type SourceFormat } from './source.js';
import { readSource } from './sources/index.js';
import { valueInForce } from './template.js';

export type { ImportProblem, ImportWarning, NotReported };

export type RowOutcome = 'new' | 'change' | 'same' | 'error';

export interface ImportRow {
  line: number;
  /** For wide files, the period column this value comes from. */
  column: string | null;
  position: string;
  code: string | null;
  period: string | null;
  value: number | null;
  note: string | null;
  outcome: RowOutcome;
  /** The value the row would replace (pending, else approved), if any. */
  current: number | null;
  problems: ImportProblem[];
}

/** What the preview read the file as: its sheets, the one read, and that sheet's layout. */
export interface ImportLayoutView {
  /** Every sheet, hidden ones marked: read only when picked. */
  sheets: { name: string | null; rows: number; hidden: boolean }[];
  sheet: string | null;
  headerRow: number;
  headerChosen: boolean;
  header: string[];
  /** The first rows, as text, for the person to say which is the header. */
  firstRows: { row: number; cells: string[] }[];
  titleRows: number[];
  totalRows: number[];
  /** Hidden rows under the header: skipped, never imported (see SheetLayout.hiddenRows). */
  hiddenRows: number[];
  roles: { column: string; position: string; role: ColumnRole }[];
}

export interface ImportPreview {
  format: SourceFormat;
  encoding: string | null;
  delimiter: Delimiter | null;
  layout: ImportLayoutView;
  /** The mapping read with: the template, the one given, or the one remembered for this layout. */
  mapping: { source: 'template' | 'given' | 'remembered'; value: Mapping } | null;
  /** The columns are not the template's and no mapping is known: the person chooses them. */
  needsMapping: boolean;
  kind: 'long' | 'wide';
  rows: ImportRow[];
  problems: ImportProblem[];
  warnings: ImportWarning[];
  notReported: NotReported[];
  /** The name of every indicator the rows and the not-reported cells name, for the screen to say. */
  names: Record<string, { ko: string; en: string }>;
  counts: Record<RowOutcome, number>;
  canCommit: boolean;
  /** No problems and nothing new or changed (the template sent back as it came, say). */
  nothingToImport: boolean;
}

export interface ImportOptions {
  /** The file's name: a hint to its format (the bytes decide); `upload.csv` when not given. */
  filename?: string | undefined;
  /** The sheet to read (a workbook's); the first visible one by default. */
  sheet?: string | undefined;
  /** The header row as the person numbers it; found by looking when not given. */
  headerRow?: number | undefined;
}

const FIRST_ROWS = 12;
/**
 * The first rows are shown to pick the header from, not read: a long cell is cut, a wide row ends
 * early, so a file of long cells is not echoed back whole in the answer.
 */
const FIRST_ROWS_COLUMNS = 100;
const FIRST_ROWS_CELL_CHARS = 200;
const shownCell = (text: string) =>
  text.length > FIRST_ROWS_CELL_CHARS ? `${text.slice(0, FIRST_ROWS_CELL_CHARS - 1)}…` : text;

/** Reads, maps and checks a file; writes nothing. */
/**
 * A remembered wide mapping without the period columns ticked last time: next month's file adds a
 * column, which must be read (or refused), never left out unseen. Every column that reads as a
 * period is taken.
 */
function unrestricted(
  mapping: Exclude<Mapping, { kind: 'template' }>,
): Exclude<Mapping, { kind: 'template' }> {
  if (mapping.kind !== 'wide') return mapping;
  const { periodColumns: _lastTime, ...rest } = mapping;
  return rest;
}

export async function previewImport(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  bytes: Uint8Array,
  mapping: Mapping,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportPreview & { checked: CheckedEntry[]; fingerprint: string }> {
  const source: SourceFile = await readSource(bytes, options.filename ?? 'upload.csv');
  const sheet =
    options.sheet === undefined
      ? // A hidden first sheet is a working sheet (계산용), not the report: read it only when picked.
        (source.sheets.find((s) => !s.hidden) ?? source.sheets[0])
      : source.sheets.find((s) => s.name === options.sheet);
  if (!sheet)
    throw refuse('BAD_REQUEST', 'no_such_sheet', {
      sheet: options.sheet ?? '',
      sheets: source.sheets.map((s) => s.name ?? '').join(', '),
    });
  let headerRow = options.headerRow;
  let resolvedWith: ImportPreview['mapping'] = null;
  let layout = layoutOf(sheet, plan.year, headerRow);
  if (!layout) throw refuse('BAD_REQUEST', 'no_header_row', { row: headerRow ?? 1 });
  let map: ResolvedMapping | null = null;
  if (mapping.kind !== 'template') {
    map = resolveMapping({ ...layout, cells: layout.headerCells, planYear: plan.year }, mapping);
    resolvedWith = { source: 'given', value: mapping };
  } else {
    map = templateMapping(layout.header);
    if (map) resolvedWith = { source: 'template', value: mapping };
    else if (principal.kind === 'user') {
      const remembered = await findRememberedMapping(db, principal.user, sheet, plan.year, headerRow);
      const again = remembered && layoutOf(sheet, plan.year, remembered.headerRow);
      if (remembered && again) {
        try {
          const reused = unrestricted(remembered.mapping);
          map = resolveMapping({ ...again, cells: again.headerCells, planYear: plan.year }, reused);
          layout = { ...again, headerChosen: headerRow !== undefined };
          headerRow = again.headerRow;
          resolvedWith = { source: 'remembered', value: reused };
        } catch {
          // A remembered mapping the file no longer fits is not the person's fault: ask again.
        }
      }
    }
  }
  const place = (column: number) => ({
    column: layout.header[column] ?? '',
    position: cellPosition(sheet.name, layout.headerRow, column),
  });
  const view: ImportLayoutView = {
    sheets: source.sheets.map((s) => ({ name: s.name, rows: s.rows.length, hidden: s.hidden === true })),
    sheet: sheet.name,
    headerRow: layout.headerRow,
    headerChosen: layout.headerChosen,
    header: layout.header,
    firstRows: sheet.rows.slice(0, FIRST_ROWS).map((r) => ({
      row: r.row,
      cells: r.cells.slice(0, FIRST_ROWS_COLUMNS).map((c) => shownCell(c.text)),
    })),
    titleRows: layout.titleRows,
    totalRows: layout.totalRows,
    hiddenRows: layout.hiddenRows,
    roles: layout.roles.map(({ column, role }) => ({ ...place(column), role })),
  };
  const base = {
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    layout: view,
    fingerprint: layoutFingerprint(layout.headerCells, plan.year),
  };
  if (!map) {
    const notTemplate: ImportProblem = {
      line: layout.headerRow,
      column: '',
      position: '',
      ...problem('not_template_columns', { columns: layout.header.filter((h) => h !== '').join(', ') }),
    };
    return {
      ...base,
      mapping: null,
      needsMapping: true,
      kind: 'long',
      rows: [],
      problems: [notTemplate],
      warnings: [],
      notReported: [],
      names: {},
      counts: { new: 0, change: 0, same: 0, error: 0 },
      canCommit: false,
      nothingToImport: false,
      checked: [],
    };
  }

  const indicators = await findIndicators(db, plan.id);
  const { candidates, notReported, warnings } = readSheet(
    sheet.name,
    layout,
    map,
    indicators,
    plan.year,
    sheet.merges,
    source.format === 'csv' || source.format === 'text-utf16',
  );
  const ready = candidates.filter((c) => c.entry !== null);
  const inspection = await inspectEntries(
    db,
    plan,
    principal,
    ready.map((c) => c.entry as ReportEntry),
    now,
  );
  for (const issue of [...inspection.errors, ...inspection.notYours]) {
    const candidate = ready[issue.row - 1];
    if (!candidate) continue;
    const at = candidate.at[issue.field].column ? candidate.at[issue.field] : candidate.at.code;
    candidate.problems.push({
      line: candidate.line,
      ...at,
      code: issue.code,
      params: issue.params,
      message: issue.message,
    });
  }
  // Looked up once for the file, not per row: a 100,000-row file is one pass over its rows.
  const checkedOf = new Map(inspection.checked.map((c) => [`${c.entry.code}\u0000${c.entry.period}`, c]));
  const current = await findCurrentOf(
    db,
    inspection.checked.map((c) => c.indicator.id),
  );
  const rows: ImportRow[] = [];
  const written = new Set<CheckedEntry>();
  for (const candidate of candidates) {
    const { entry, at, ...shown } = candidate;
    const row: ImportRow = { ...shown, position: at.value.position, outcome: 'error', current: null };
    rows.push(row);
    if (row.problems.length > 0 || !entry) continue;
    const checked = checkedOf.get(`${entry.code}\u0000${entry.period}`);
    if (!checked) continue;
    const inForce = valueInForce(current.get(`${checked.indicator.id} ${checked.entry.period}`));
    row.current = inForce?.value ?? null;
    const sameNote = (inForce?.note ?? null) === (checked.entry.note ?? null) || !checked.entry.note;
    row.outcome = !inForce ? 'new' : inForce.value === checked.entry.value && sameNote ? 'same' : 'change';
    if (row.outcome !== 'same') written.add(checked);
  }
  const counts: Record<RowOutcome, number> = { new: 0, change: 0, same: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  const checked = inspection.checked.filter((c) => written.has(c));
  const named = new Set([...rows, ...notReported].map((r) => r.code));
  const names: ImportPreview['names'] = {};
  for (const indicator of indicators)
    if (named.has(indicator.code)) names[indicator.code] = { ko: indicator.name_ko, en: indicator.name_en };
  return {
    ...base,
    mapping: resolvedWith,
    needsMapping: false,
    kind: map.kind,
    rows,
    problems: onceEach(rows.flatMap((r) => r.problems)),
    warnings,
    notReported,
    names,
    counts,
    canCommit: counts.error === 0 && counts.new + counts.change > 0,
    nothingToImport: counts.error === 0 && counts.new + counts.change === 0,
    checked,
  };
}

/** Thrown when a file with problems is committed: nothing was written. */
export class ImportRejected extends Error {
  constructor(readonly preview: ImportPreview) {
    super(`${preview.counts.error} row(s) have problems; nothing was written.`);
  }
}

/**
 * Writes a file's new and changed values as pending, in one transaction, with an audit entry per
 * value and one for the import; refuses (writing nothing) when any row has a problem. A mapping the
 * person chose is remembered, in the same transaction, for the next file of the same layout.
 */
export async function commitImport(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  bytes: Uint8Array,
  mapping: Mapping,
  now: Date,
  filename: string,
  options: ImportOptions = {},
): Promise<{ written: number; unchanged: number; preview: ImportPreview }> {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  // The file's name goes into every value's source and the audit: the text rule holds for it too,
  // whichever door (HTTP, the command line) the file came through.
  const badName = textRefusal('fileName', filename);
  if (badName) throw refuse('BAD_REQUEST', badName.code, badName.params);
  const { checked, fingerprint, ...preview } = await previewImport(db, plan, principal, bytes, mapping, now, {
    ...options,
    filename,
  });
  if (preview.needsMapping)
    throw refuse('BAD_REQUEST', 'not_template_columns', { columns: preview.layout.header.join(', ') });
  if (preview.counts.error > 0) throw new ImportRejected(preview);
  const { submitted } = await writeEntries(db, principal.user, checked, now, {
    action: 'measurement.import',
    source: `imported from ${filename}`,
    // The file's own entry is part of the import: a crash or a full disk cannot leave values without it.
    alsoWrite: async (trx) => {
      await appendAudit(trx, {
        at: now.toISOString(),
        actorUserId: principal.user.id,
        actor: principal.user.username,
        action: 'import',
        entityType: 'file',
        entityId: filename,
        after: {
          written: checked.length,
          unchanged: preview.counts.same,
          encoding: preview.encoding,
          kind: preview.kind,
          sheet: preview.layout.sheet,
          headerRow: preview.layout.headerRow,
        },
      });
      if (preview.mapping?.source === 'given' && mapping.kind !== 'template')
        await rememberMapping(
          trx,
          principal.user,
          { row: preview.layout.headerRow, fingerprint },
          mapping,
          now,
        );
    },
  });
  return { written: submitted, unchanged: preview.counts.same, preview };
}

/**
 * Every problem once: a wide row with an unknown name gives the same problem (same cell, same
 * reason) for each of its period cells; the list says it once, the rows table keeps each row's own.
 */
function onceEach(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems.filter((found) => {
    const key = JSON.stringify([found.position, found.code, found.params]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
