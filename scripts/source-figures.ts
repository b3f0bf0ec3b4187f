/**
 * Figures, not assertions: how fast `readSource` reads a 100,000-row file, and the process's peak
 * memory (RSS sampled every 5 ms) against its baseline, for an xlsx made with exceljs (dates,
 * numbers, a percent column, text) and the same rows as CSV in UTF-8 and as UTF-16 text. Each file
 * is read in a fresh process so one reading's garbage does not count against the next.
 * `ROWS=20000 tsx --conditions=source scripts/source-figures.ts`
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '@tangible/api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const ROWS = Number(process.env.ROWS ?? 100_000);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

if (process.argv[2] === 'read') {
  const bytes = new Uint8Array(readFileSync(process.argv[3] ?? ''));
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const file = await readSource(bytes, process.argv[3] ?? '');
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rows = file.sheets.reduce((n, sheet) => n + sheet.rows.length, 0);
  console.log(
    `${file.format.padEnd(10)} ${mb(bytes.length).padStart(3)} MB  ${rows.toLocaleString('en')} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s; peak RSS ${mb(peak)} MB (baseline ${mb(baseline)} MB)`,
  );
} else {
  const dir = mkdtempSync(join(tmpdir(), 'tangible-sources-'));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('실적');
  sheet.addRow(['지표 코드', '지표명', '기간', '값', '달성률', '비고']);
  const lines = ['지표 코드,지표명,기간,값,달성률,비고'];
  for (let i = 0; i < ROWS; i++) {
    const code = `CUL-${String(i % 99).padStart(2, '0')}`;
    const value = 1000 + i * 1.5;
    sheet.addRow([
      code,
      '외국인 관광객 수',
      new Date(Date.UTC(2024, i % 12, 1)),
      value,
      (i % 100) / 100,
      i % 7 ? null : '잠정치',
    ]);
    lines.push(
      `${code},외국인 관광객 수,2024-${String((i % 12) + 1).padStart(2, '0')},${value},${i % 100}%,${i % 7 ? '' : '잠정치'}`,
    );
  }
  sheet.getColumn(3).numFmt = 'yyyy-mm';
  sheet.getColumn(5).numFmt = '0%';
  const xlsx = join(dir, 'rows.xlsx');
  await workbook.xlsx.writeFile(xlsx);
  const csv = join(dir, 'rows.csv');
  writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
  const utf16 = join(dir, 'rows.txt');
  writeFileSync(
    utf16,
    iconv.encode(`${lines.join('\r\n').replaceAll(',', '\t')}\r\n`, 'utf-16le', { addBOM: true }),
  );
  for (const path of [xlsx, csv, utf16]) {
    const args = [
      '--conditions=source',
      '--expose-gc',
      '--import',
      'tsx',
      process.argv[1] ?? '',
      'read',
      path,
    ];
    process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  }
}
