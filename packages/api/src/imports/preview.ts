/**
 * Importing actuals from a spreadsheet: a preview that says, before anything is written, what each
 * row would do and everything that is wrong with it (line, column, reason); and the commit, which
 * writes only a file with no errors, in one transaction, as pending values, audited.
 */

import { appendAudit, type Db, findApprovedOf, findIndicators, findPendingOf } from '@tangible/db';
import type { Principal } from '../auth/policy.js';
import { type Problem, problem, refuse } from '../problems.js';
import { type CheckedEntry, inspectEntries, type ReportEntry, writeEntries } from '../reporting.js';
import { textRefusal } from '../text.js';
import { decodeFile, type Encoding } from './decode.js';
import { type Mapping, resolveMapping } from './mapping.js';
import { normalizeNumber, normalizePeriod } from './normalize.js';
import { type Delimiter, parseTable } from './table.js';

export interface ImportProblem extends Problem {
  line: number;
  /** The column's header as it appears in the file. */
  column: string;
}

export type RowOutcome = 'new' | 'change' | 'same' | 'error';

export interface ImportRow {
  line: number;
  /** For wide files, the period column this value comes from. */
  column: string | null;
  code: string | null;
  period: string | null;
  value: number | null;
  note: string | null;
  outcome: RowOutcome;
  /** The approved value the row would replace, if any. */
  current: number | null;
  problems: ImportProblem[];
}

export interface ImportPreview {
  encoding: Encoding;
  delimiter: Delimiter;
  header: string[];
  kind: 'long' | 'wide';
  rows: ImportRow[];
  problems: ImportProblem[];
  counts: Record<RowOutcome, number>;
  canCommit: boolean;
}

const clean = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

interface Candidate {
  row: ImportRow;
  entry: ReportEntry | null;
  columns: { code: string; period: string; value: string; note: string; evidenceUrl: string };
}

/** Reads, maps, normalises and checks a file; writes nothing. */
export async function previewImport(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  bytes: Uint8Array,
  mapping: Mapping,
  now: Date,
): Promise<ImportPreview & { checked: CheckedEntry[] }> {
  const { text, encoding } = decodeFile(bytes);
  const table = parseTable(text);
  const map = resolveMapping(table.header, mapping);
  const headerName = (index: number | null) => (index === null ? '' : (table.header[index] ?? ''));

  const indicators = await findIndicators(db, plan.id);
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const byName = new Map<string, string>();
  for (const i of indicators) {
    byName.set(clean(i.name_ko), i.code);
    byName.set(clean(i.name_en), i.code);
  }

  const candidates: Candidate[] = [];
  const seen = new Map<string, number>();
  const add = (
    line: number,
    column: string | null,
    indicatorText: string,
    periodText: string,
    valueText: string,
    note: string | null,
    evidence: string | null,
    columns: Candidate['columns'],
  ) => {
    const problems: ImportProblem[] = [];
    const code =
      map.indicatorBy === 'code'
        ? indicatorText.trim().toUpperCase()
        : (byName.get(clean(indicatorText)) ?? null);
    if (!indicatorText.trim()) problems.push({ line, column: columns.code, ...problem('empty_indicator') });
    else if (!code || !byCode.has(code)) {
      problems.push({
        line,
        column: columns.code,
        ...problem(map.indicatorBy === 'code' ? 'unknown_indicator' : 'unknown_indicator_by_name', {
          value: indicatorText,
          year: plan.year,
        }),
      });
    }
    const period = normalizePeriod(periodText);
    if (!period) {
      problems.push({
        line,
        column: columns.period,
        ...problem('bad_period', { value: periodText }),
      });
    }
    const value = normalizeNumber(valueText);
    if (value === null) {
      problems.push({
        line,
        column: columns.value,
        ...problem('not_a_number', { value: valueText.trim() }),
      });
    }
    const row: ImportRow = {
      line,
      column,
      code: code && byCode.has(code) ? code : null,
      period,
      value,
      note,
      outcome: 'error',
      current: null,
      problems,
    };
    if (problems.length === 0 && code && period) {
      const key = `${code} ${period}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          line,
          column: columns.period,
          ...problem('duplicate_line', { key: `${code} ${period}`, line: earlier }),
        });
      } else {
        seen.set(key, line);
      }
    }
    const entry =
      problems.length === 0 && code && period && value !== null
        ? { code, period, value, note, evidenceUrl: evidence }
        : null;
    candidates.push({ row, entry, columns });
  };

  for (const { line, cells } of table.rows) {
    const cell = (index: number | null) => (index === null ? '' : (cells[index] ?? ''));
    if (map.kind === 'long') {
      add(
        line,
        null,
        cell(map.indicator),
        cell(map.period),
        cell(map.value),
        cell(map.note) || null,
        cell(map.evidence) || null,
        {
          code: headerName(map.indicator),
          period: headerName(map.period),
          value: headerName(map.value),
          note: headerName(map.note),
          evidenceUrl: headerName(map.evidence),
        },
      );
    } else {
      for (const { column, period } of map.periodColumns) {
        const valueText = cell(column);
        if (valueText.trim() === '') continue;
        add(line, headerName(column), cell(map.indicator), period, valueText, null, null, {
          code: headerName(map.indicator),
          period: headerName(column),
          value: headerName(column),
          note: '',
          evidenceUrl: '',
        });
      }
    }
  }

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
    candidate.row.problems.push({
      line: candidate.row.line,
      column: candidate.columns[issue.field] || candidate.columns.code,
      code: issue.code,
      params: issue.params,
      message: issue.message,
    });
  }
  for (const candidate of ready) {
    if (candidate.row.problems.length > 0) continue;
    const checked = inspection.checked.find(
      (c) => c.entry.code === candidate.entry?.code && c.entry.period === candidate.entry?.period,
    );
    if (!checked) continue;
    // The value in force for the period is a pending one when there is one (it would be approved
    // next), else the approved one: a file that repeats a wrong pending value must replace it.
    const current =
      (await findPendingOf(db, checked.indicator.id, checked.entry.period)) ??
      (await findApprovedOf(db, checked.indicator.id, checked.entry.period));
    candidate.row.current = current?.value ?? null;
    const sameNote = (current?.note ?? null) === (checked.entry.note ?? null) || !checked.entry.note;
    candidate.row.outcome = !current
      ? 'new'
      : current.value === checked.entry.value && sameNote
        ? 'same'
        : 'change';
  }
  const rows = candidates.map((c) => c.row);
  const counts: Record<RowOutcome, number> = { new: 0, change: 0, same: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  const checked = inspection.checked.filter((c) =>
    rows.some(
      (r) =>
        r.outcome !== 'error' &&
        r.outcome !== 'same' &&
        r.code === c.entry.code &&
        r.period === c.entry.period,
    ),
  );
  return {
    encoding,
    delimiter: table.delimiter,
    header: table.header,
    kind: map.kind,
    rows,
    problems: rows.flatMap((r) => r.problems),
    counts,
    canCommit: counts.error === 0 && counts.new + counts.change > 0,
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
 * value and one for the import; refuses (writing nothing) when any row has a problem.
 */
export async function commitImport(
  db: Db,
  plan: { id: number; year: number },
  principal: Principal,
  bytes: Uint8Array,
  mapping: Mapping,
  now: Date,
  filename: string,
): Promise<{ written: number; unchanged: number; preview: ImportPreview }> {
  if (principal.kind !== 'user') throw refuse('UNAUTHORIZED', 'sign_in_required');
  // The file's name goes into every value's source and the audit: the text rule holds for it too,
  // whichever door (HTTP, the command line) the file came through.
  const badName = textRefusal('fileName', filename);
  if (badName) throw refuse('BAD_REQUEST', badName.code, badName.params);
  const { checked, ...preview } = await previewImport(db, plan, principal, bytes, mapping, now);
  if (preview.counts.error > 0) throw new ImportRejected(preview);
  const { submitted } = await writeEntries(db, principal.user, checked, now, {
    action: 'measurement.import',
    source: `imported from ${filename}`,
    // The file's own entry is part of the import: a crash or a full disk cannot leave values without it.
    alsoWrite: (trx) =>
      appendAudit(trx, {
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
        },
      }),
  });
  return { written: submitted, unchanged: preview.counts.same, preview };
}
