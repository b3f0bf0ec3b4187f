/**
 * How long the plan workbook takes at a big city's size (issue 12.6's figure for the note): the big
 * workload's last plan year (2,000 indicators, scripts/scale) exported as xlsx and as CSV, and the
 * exported workbook's import dry-run (nothing to change: every cell read, every thing compared),
 * each run three times, the median printed with the peak resident memory.
 *
 *   npx tsx --conditions=source scripts/plan-workbook-bench.ts [FILE]
 *
 * FILE: a big-workload database already generated (default: generated into a temporary folder).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cliPrincipal,
  csvText,
  dryRunWorkbook,
  planWorkbook,
  SHEET_KINDS,
  workbookTable,
  workbookXlsx,
} from '@tangible/api';
import { openDatabase } from '@tangible/db';
import { generate } from './scale/generate.js';
import { WORKLOADS } from './scale/workloads.js';

const workload = WORKLOADS.big;
const year = workload.years.at(-1) ?? 2023;
let file = process.argv[2];
if (!file) {
  file = join(mkdtempSync(join(tmpdir(), 'tangible-workbook-bench-')), 'big.sqlite');
  const made = await generate(workload, file);
  console.log(`Generated ${workload.title} in ${(made.seconds + made.figuresSeconds).toFixed(1)} s: ${file}`);
}
const db = openDatabase(file);
const principal = await cliPrincipal(db, 'planner');
if (principal?.kind !== 'user') throw new Error('no planner account in the database');

let peak = process.memoryUsage().rss;
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const seconds: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    result = await work();
    seconds.push((performance.now() - started) / 1000);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const median = [...seconds].sort((a, b) => a - b)[1] ?? 0;
  console.log(`${label}: ${median.toFixed(2)} s (runs ${seconds.map((s) => s.toFixed(2)).join(', ')})`);
  return result as T;
}

const book = await planWorkbook(db, principal.user, year, 'ko');
const counts = SHEET_KINDS.map((kind) => `${kind} ${book.rows[kind].length}`).join(', ');
console.log(`The ${year} plan: ${counts}`);
const xlsx = await timed('export xlsx (read the plan, write the workbook)', async () =>
  workbookXlsx(await planWorkbook(db, principal.user, year, 'ko'), 'ko'),
);
console.log(`  workbook: ${(xlsx.length / 1024 / 1024).toFixed(2)} MB`);
const csv = await timed('export CSV (read the plan, every kind)', async () => {
  const plan = await planWorkbook(db, principal.user, year, 'ko');
  return SHEET_KINDS.map((kind) => {
    const table = workbookTable(plan, kind, 'ko');
    return {
      bytes: Buffer.from(csvText(table.rows as never, table.header.length, table.header)),
      filename: `${kind}.csv`,
    };
  });
});
const xlsxRun = await timed('import dry-run, xlsx', () =>
  dryRunWorkbook(db, principal, year, [{ bytes: xlsx, filename: 'plan.xlsx' }]),
);
const csvRun = await timed('import dry-run, CSV (6 files)', () => dryRunWorkbook(db, principal, year, csv));
// 200 weights changed: the same reading, with changes to list and the editor's rules to check (the
// generated plan holds targets those rules refuse, such as 40.14 places: they are listed for the rows changed).
const indicatorsFile = csv.find((f) => f.filename === 'indicators.csv');
if (!indicatorsFile) throw new Error('no indicators CSV');
const lines = indicatorsFile.bytes.toString('utf8').split('\r\n');
for (let i = 1; i <= 200 && i < lines.length; i++)
  lines[i] = (lines[i] ?? '').replace(/,(\d+(\.\d+)?),(예|아니오),/, ',7,$3,');
const edited = { bytes: Buffer.from(lines.join('\r\n')), filename: 'indicators.csv' };
const editedRun = await timed('import dry-run, CSV of indicators with 200 weights changed', () =>
  dryRunWorkbook(db, principal, year, [edited]),
);
for (const [label, run] of [
  ['xlsx', xlsxRun],
  ['CSV', csvRun],
  ['edited', editedRun],
] as const)
  console.log(
    `  ${label}: ${run.added.length} added, ${run.changed.length} changed, ${run.leaving.length} leaving, ${run.problems.length} problems`,
  );
console.log(`peak resident memory: ${(peak / 1024 / 1024).toFixed(0)} MB`);
await db.destroy();
