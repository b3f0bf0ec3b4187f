/**
 * Time and peak memory of reading each of the hostile reviewer's uploads (issue 9's files), one
 * child process per file so a crash or a stall is one line, not the end of the run:
 *   npx tsx scripts/import-bomb-figures.ts <dir of files> [packages/api/src] [seconds]
 */

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [dir = '/work/notes/rv9-files', api = 'packages/api/src', seconds = '60'] = process.argv.slice(2);
const source = resolve(api, 'imports/sources/index.ts');
const files = ['colspan.xls', 'colspan2.xls', 'wide-cols.csv', 'longcell10.xlsx', 'longcell40.xlsx'];
files.push('longcell80.xlsx', 'bomb-strings.xlsx', 'bomb-strings-whole.xlsx', 'bomb-cells.xlsx');
files.push('bomb-cells-whole.xlsx', 'bomb-cells-first.xlsx', 'bomb-strings-big.xlsx');
const present = new Set(readdirSync(dir));

const read = `
const { readSource } = await import(${JSON.stringify(source)});
const bytes = (await import('node:fs')).readFileSync(process.argv[1]);
const started = performance.now();
let said;
try { const file = await readSource(bytes, process.argv[1]); said = 'read: ' + file.sheets.map((s) => s.rows.length).join('+') + ' rows'; }
catch (error) { said = 'refused: ' + (error.code ?? error.message); }
console.log(((performance.now() - started) / 1000).toFixed(2) + ' s, ' + said);
`;

for (const name of files.filter((f) => present.has(f))) {
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      'timeout',
      seconds,
      'node',
      '--max-old-space-size=4096',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      read,
      join(dir, name),
    ],
    { encoding: 'utf8' },
  );
  const peak = Number(run.stderr.trim().split('\n').pop()) / 1024;
  const out =
    run.stdout.trim() || (run.status === 124 ? `stopped after ${seconds} s` : `crashed (${run.status})`);
  console.log(`${name.padEnd(24)} ${out.padEnd(50)} peak ${peak.toFixed(0)} MB`);
}
