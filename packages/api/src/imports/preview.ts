/**
 * Importing actuals from a spreadsheet: a preview that says, before anything is written, which
 * sheet and header row it read, what each row would do, what was not reported, and everything that
 * is wrong (the cell and the reason); and the commit, which writes only a file with no errors, in
 * one transaction, as pending values, audited, remembering the columns the person chose.
 */

import { appendAudit, type Db, findCurrentOf, findIndicators } from '@tangible/db';
import type { Principal } from '../auth/policy.js';
import { problem, refuse } from '../problems.js';
import {
  type CheckedEntry,
  type EntryError,
  entryChecker,
  missingCommentary,
  writeEntries,
} from '../reporting.js';
import { textRefusal } from '../text.js';
import { type ColumnRole, layoutFingerprint, layoutOf } from './layout.js';
import { type Mapping, type ResolvedMapping, resolveMapping, templateMapping } from './mapping.js';
import {
  type Candidate,
  eachCandidate,
  type ImportProblem,
  type ImportWarning,
  type NotReported,
} from './reading.js';
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
  /**
   * Values written pending that leave their indicator at risk or off track without any commentary:
   * each at its value's cell (`commentary_owed`). Not problems: the file is committed, and the
   * values wait for their analysis and next steps before they can be approved.
   */
  commentaryOwed: ImportWarning[];
  notReported: NotReported[];
  /** The name of every indicator the rows and the not-reported cells name, for the screen to say. */
  names: Record<string, { ko: string; en: string }>;
  counts: Record<RowOutcome, number>;
  /** How many of each there are in all; the lists above hold at most LIST_LIMIT of them. */
  totals: { rows: number; problems: number; warnings: number; commentaryOwed: number; notReported: number };
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
 * Rows, problems, warnings and not-reported cells listed at most in a preview (the totals count them
 * all): enough for any month's report, and a 100,000-row file answers in kilobytes, not megabytes.
 */
export const LIST_LIMIT = 500;
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
      commentaryOwed: [],
      notReported: [],
      names: {},
      counts: { new: 0, change: 0, same: 0, error: 0 },
      totals: { rows: 0, problems: 1, warnings: 0, commentaryOwed: 0, notReported: 0 },
      canCommit: false,
      nothingToImport: false,
      checked: [],
    };
  }

  const indicators = await findIndicators(db, plan.id);
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const check = entryChecker(plan, principal, now, (code) => byCode.get(code));
  const shown = new ShownRows(LIST_LIMIT);
  const problems = new ProblemList(LIST_LIMIT);
  /** What passed every check, in file order, each with its row when the answer shows it. */
  const passed: { checked: CheckedEntry; candidate: Candidate; row: ImportRow | null }[] = [];
  const counts: Record<RowOutcome, number> = { new: 0, change: 0, same: 0, error: 0 };
  let checkedRows = 0;
  // One pass over the rows: each value is read, checked and kept (or counted) as it comes.
  const reading = eachCandidate(
    {
      sheetName: sheet.name,
      layout,
      map,
      indicators,
      planYear: plan.year,
      merges: sheet.merges,
      refuseCellsPastHeader: source.format === 'csv' || source.format === 'text-utf16',
      headerFields: sheet.rows.find((r) => r.row === layout.headerRow)?.fields,
      commaSeparated: source.delimiter === ',',
      listLimit: LIST_LIMIT,
    },
    (candidate) => {
      if (candidate.entry) {
        checkedRows += 1;
        const { checked, errors, notYours } = check(candidate.entry, checkedRows);
        for (const issue of [...errors, ...notYours]) {
          const at = candidate.place(issue.field);
          candidate.problems.push({
            line: candidate.line,
            ...(at.column ? at : candidate.place('code')),
            code: issue.code,
            params: issue.params,
            message: issue.message,
          });
        }
        if (checked && candidate.problems.length === 0) {
          passed.push({ checked, candidate, row: shown.offer(candidate, 'new') });
          return;
        }
      }
      counts.error += 1;
      for (const found of candidate.problems) problems.add(found);
      shown.offer(candidate, 'error');
    },
  );
  // Looked up once for the file, not per row: a 100,000-row file is one pass over its rows.
  const current = await findCurrentOf(
    db,
    passed.map((p) => p.checked.indicator.id),
  );
  const written: ((typeof passed)[number] & { outcome: 'new' | 'change' })[] = [];
  for (const one of passed) {
    const { checked: entry, row } = one;
    const inForce = valueInForce(current.get(`${entry.indicator.id} ${entry.entry.period}`));
    const sameNote = (inForce?.note ?? null) === (entry.entry.note ?? null) || !entry.entry.note;
    // Commentary the file brings to a value already in force is a change (its bureau head adding the
    // why to a value imported without it); a file without any keeps the commentary the value has.
    const analysis = entry.entry.analysis?.trim() || null;
    const nextSteps = entry.entry.nextSteps?.trim() || null;
    const sameCommentary =
      (analysis === null && nextSteps === null) ||
      ((inForce?.analysis ?? null) === analysis && (inForce?.next_steps ?? null) === nextSteps);
    const outcome: RowOutcome = !inForce
      ? 'new'
      : inForce.value === entry.entry.value && sameNote && sameCommentary
        ? 'same'
        : 'change';
    if (outcome === 'same') counts.same += 1;
    else written.push({ ...one, outcome });
    if (row) {
      row.outcome = outcome;
      row.current = inForce?.value ?? null;
    }
  }
  // The commentary rule, as a file meets it: a value that leaves its indicator at risk or off track
  // and comes with no commentary at all is written (departments send numbers in a spreadsheet and the
  // why separately) but owes its analysis and next steps, a warning at the value's cell, and cannot
  // be approved until they are written (approveReport). Half a pair (analysis without next steps) is
  // a mistake in the file, refused at the empty cell.
  const owed: ImportWarning[] = [];
  let owedTotal = 0;
  const lacking = new Map<number, EntryError[]>();
  for (const missing of await missingCommentary(
    db,
    written.map((w) => w.checked),
  ))
    lacking.set(missing.row - 1, [...(lacking.get(missing.row - 1) ?? []), missing]);
  const checked: CheckedEntry[] = [];
  written.forEach(({ checked: entry, candidate, row, outcome }, i) => {
    const missing = lacking.get(i);
    if (!missing || missing.length === 2) {
      counts[outcome] += 1;
      checked.push(entry);
      if (missing) {
        owedTotal += 1;
        const status = missing[0]?.params.status ?? '';
        if (owed.length < LIST_LIMIT)
          owed.push({
            line: candidate.line,
            ...candidate.place('value'),
            ...problem('commentary_owed', {
              code: entry.indicator.code,
              period: entry.entry.period,
              value: entry.entry.value,
              status,
            }),
          });
      }
      return;
    }
    counts.error += 1;
    for (const issue of missing) {
      const at = candidate.place(issue.field);
      const found: ImportProblem = {
        line: candidate.line,
        ...(at.column ? at : candidate.place('value')),
        code: issue.code,
        params: issue.params,
        message: issue.message,
      };
      problems.add(found);
      row?.problems.push(found);
    }
    if (row) row.outcome = 'error';
  });
  const rows = shown.rows();
  // The names of what the answer lists, not of every indicator the file names.
  const named = new Set([...rows, ...reading.notReported].map((item) => item.code));
  const names: ImportPreview['names'] = {};
  for (const indicator of indicators)
    if (named.has(indicator.code)) names[indicator.code] = { ko: indicator.name_ko, en: indicator.name_en };
  const total = counts.new + counts.change + counts.same + counts.error;
  return {
    ...base,
    mapping: resolvedWith,
    needsMapping: false,
    kind: map.kind,
    rows,
    problems: problems.list,
    warnings: reading.warnings.slice(0, LIST_LIMIT),
    commentaryOwed: owed,
    notReported: reading.notReported,
    totals: {
      rows: total,
      problems: problems.total,
      warnings: reading.warnings.length,
      commentaryOwed: owedTotal,
      notReported: reading.notReportedTotal,
    },
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
): Promise<{ written: number; unchanged: number; commentaryOwed: number; preview: ImportPreview }> {
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
        organisationId: principal.user.organisationId,
        at: now.toISOString(),
        actorUserId: principal.user.id,
        actor: principal.user.username,
        action: 'import',
        entityType: 'file',
        entityId: filename,
        after: {
          written: checked.length,
          unchanged: preview.counts.same,
          commentaryOwed: preview.totals.commentaryOwed,
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
  return {
    written: submitted,
    unchanged: preview.counts.same,
    commentaryOwed: preview.totals.commentaryOwed,
    preview,
  };
}

/**
 * The rows the answer shows, at most `limit`: every row with a problem first (what the person must
 * fix), then the others, all in file order. The counts say how many there are in all.
 */
class ShownRows {
  private readonly withProblems: { order: number; row: ImportRow }[] = [];
  private readonly others: { order: number; row: ImportRow }[] = [];
  private order = 0;
  constructor(private readonly limit: number) {}

  /** Keeps the candidate's row if it is shown, and returns it (its outcome is settled later). */
  offer(candidate: Candidate, outcome: RowOutcome): ImportRow | null {
    this.order += 1;
    const list = outcome === 'error' ? this.withProblems : this.others;
    if (list.length >= this.limit) return null;
    const row: ImportRow = {
      line: candidate.line,
      column: candidate.column,
      position: candidate.place('value').position,
      code: candidate.code,
      period: candidate.period,
      value: candidate.value,
      note: candidate.note,
      outcome,
      current: null,
      problems: candidate.problems,
    };
    list.push({ order: this.order, row });
    return row;
  }

  rows(): ImportRow[] {
    const room = Math.max(0, this.limit - this.withProblems.length);
    return [...this.withProblems, ...this.others.slice(0, room)]
      .sort((a, b) => a.order - b.order)
      .map((shown) => shown.row);
  }
}

/**
 * Every problem once, the first `limit` of them, and how many in all: a wide row with an unknown
 * name gives the same problem (same cell, same reason) for each of its period cells; the list says
 * it once, the rows table keeps each row's own.
 */
class ProblemList {
  readonly list: ImportProblem[] = [];
  private readonly seen = new Set<string>();
  total = 0;
  constructor(private readonly limit: number) {}

  add(found: ImportProblem) {
    const key = JSON.stringify([found.position, found.code, found.params]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.total += 1;
    if (this.list.length < this.limit) this.list.push(found);
  }
}
