/**
 * Import figures for `pnpm bench`: validated rows per second and peak memory for a 100,000-row CSV
 * and a 100,000-row xlsx read through previewImport (the whole preview: reading, layout, cells,
 * inspection, outcomes against the stored values). The plan gets 8,400 extra monthly indicators of
 * the tourism bureau so that every row is a distinct indicator and month, as in a real large file
 * (repeated pairs would stop at the duplicate check). Each file is previewed in a child process of
 * its own, so that its peak RSS is its own, not the file generation's. IMPORT_ROWS=20000 for fewer.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Principal, previewImport } from '@tangible/api';
import {
  addIndicatorsLike,
  type Db,
  findUserByUsername,
  openDatabase,
  prepareDatabase,
  SEED_DIR,
} from '@tangible/db';
import ExcelJS from 'exceljs';

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);
const MONTHS = 12;
const HEADER = ['kpi_code', 'kpi_name', 'period', 'value', 'note', 'evidence_url'];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The rows of the file: synthetic indicator i, month m, a value. */
function* fileRows(): Generator<[string, string, string, number]> {
  for (let n = 0; n < ROWS; n++) {
    const i = Math.floor(n / MONTHS);
    const month = String((n % MONTHS) + 1).padStart(2, '0');
    yield [`BENCH-${i}`, `벤치 지표 ${i}`, `2024-${month}`, 1000 + (n % 997)];
  }
}

async function addIndicators(db: Db) {
  await addIndicatorsLike(db, 'CUL-01', Math.ceil(ROWS / MONTHS), 'BENCH', {
    ko: '벤치 지표',
    en: 'Bench indicator',
  });
}

async function writeFiles(dir: string) {
  const csv = [HEADER.join(',')];
  for (const [code, name, period, value] of fileRows()) csv.push(`${code},${name},${period},${value},,`);
  writeFileSync(join(dir, 'bench.csv'), `${csv.join('\r\n')}\r\n`);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('실적');
  sheet.addRow(HEADER);
  for (const [code, name, period, value] of fileRows()) sheet.addRow([code, name, period, value]);
  writeFileSync(join(dir, 'bench.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** What the server would send for the preview (the entries to write and the fingerprint stay in). */
function answerBytes(preview: Awaited<ReturnType<typeof previewImport>>) {
  const { checked: _checked, fingerprint: _fingerprint, ...answer } = preview;
  return Buffer.byteLength(JSON.stringify(answer));
}

/** In the child: one preview, its figures as JSON on stdout. */
async function measure(databaseFile: string, file: string) {
  const db = openDatabase(databaseFile);
  const found = await findUserByUsername(db, 'tourism.head');
  if (!found) throw new Error('the seed has tourism.head');
  // The bureau head as the command line acts for them.
  const principal: Principal = {
    kind: 'user',
    via: 'cli',
    user: {
      id: found.id,
      username: found.username,
      displayName: found.display_name,
      role: found.role,
      organisationId: found.organisation_id,
      organisationCode: found.organisation_code,
      departmentId: found.department_id,
      departmentCode: found.department_code ?? null,
    },
  };
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'year'])
    .where('year', '=', 2024)
    .executeTakeFirstOrThrow();
  const bytes = readFileSync(file);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const preview = await previewImport(
    db,
    plan,
    principal,
    bytes,
    { kind: 'template' },
    new Date('2025-01-15T00:00:00Z'),
    { filename: file },
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      rows: preview.totals.rows,
      answerBytes: answerBytes(preview),
      counts: preview.counts,
      firstProblem: preview.problems[0]?.message,
      seconds,
      cpuSeconds,
      before,
      peak,
      bytes: bytes.length,
    }),
  );
  await db.destroy();
}

/** In `pnpm bench`: adds the indicators to the bench database, then previews both files. */
export async function importFigures(db: Db, databaseFile: string) {
  await addIndicators(db);
  const dir = mkdtempSync(join(tmpdir(), 'tangible-import-bench-'));
  await writeFiles(dir);
  for (const kind of ['csv', 'xlsx']) {
    const output = execFileSync(
      process.execPath,
      [
        // IMPORT_PROFILE=dir writes each preview's CPU profile there (node --cpu-prof).
        ...(process.env.IMPORT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.IMPORT_PROFILE}`] : []),
        '--import',
        'tsx',
        '--conditions=source',
        '--expose-gc',
        fileURLToPath(import.meta.url),
        databaseFile,
        join(dir, `bench.${kind}`),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const figures = JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
    console.log(
      `import ${kind}: ${figures.rows.toLocaleString('en')} rows (${mb(figures.bytes)} MB; ${JSON.stringify(figures.counts)}${figures.firstProblem ? `; first problem: ${figures.firstProblem}` : ''}) previewed in ${figures.seconds.toFixed(2)} s = ${Math.round(figures.rows / figures.seconds).toLocaleString('en')} validated rows/s (CPU ${figures.cpuSeconds.toFixed(2)} s = ${Math.round(figures.rows / figures.cpuSeconds).toLocaleString('en')} rows per CPU second); answer ${(figures.answerBytes / 1024).toFixed(0)} KB; RSS ${mb(figures.before)} MB before, peak ${mb(figures.peak)} MB.`,
    );
  }
}

// Run alone (`tsx --conditions=source scripts/import-bench.ts`): a fresh database, the import figures only.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [databaseFile, file] = process.argv.slice(2);
  if (databaseFile && file) await measure(databaseFile, file);
  else {
    const fresh = join(mkdtempSync(join(tmpdir(), 'tangible-import-bench-')), 'bench.sqlite');
    const db = openDatabase(fresh);
    await prepareDatabase(db, SEED_DIR);
    await importFigures(db, fresh);
    await db.destroy();
  }
}
