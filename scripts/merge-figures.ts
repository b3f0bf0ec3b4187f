/**
 * Figures, not assertions: CPU seconds to read a long sheet's merged cells as a formatted sheet has
 * them (every row's remark merged over two columns, each name merged down two rows), through
 * blankMergedCopies (every reader's sheet) and eachCandidate (the name filled down). Both should
 * grow with the rows, not with rows × merges.
 * `tsx --conditions=source scripts/merge-figures.ts [rows…]`
 */

import { layoutOf } from '../packages/api/src/imports/layout.js';
import { resolveMapping } from '../packages/api/src/imports/mapping.js';
import { eachCandidate } from '../packages/api/src/imports/reading.js';
import type { SourceRow, SourceSheet } from '../packages/api/src/imports/source.js';
import { blankMergedCopies } from '../packages/api/src/imports/sources/merges.js';

const cpu = (since: NodeJS.CpuUsage) => (process.cpuUsage(since).user / 1e6).toFixed(2);
const counts = process.argv.slice(2).map(Number);
for (const n of counts.length > 0 ? counts : [10_000, 20_000, 40_000, 80_000]) {
  const text = (...cells: string[]) => cells.map((t) => ({ text: t }));
  const rows: SourceRow[] = [{ row: 1, hidden: false, cells: text('지표코드', '기간', '값', '비고') }];
  const merges: NonNullable<SourceSheet['merges']> = [];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const name = i % 2 === 0 ? `K-${i % 200}` : '';
    const period = `2024-${String((i % 12) + 1).padStart(2, '0')}`;
    rows.push({ row, hidden: false, cells: text(name, period, String(100 + i), '메모') });
    merges.push({ top: row, left: 3, bottom: row, right: 4 });
    if (i % 2 === 0) merges.push({ top: row, left: 0, bottom: row + 1, right: 0 });
  }
  let since = process.cpuUsage();
  const sheet = blankMergedCopies({ name: '실적', rows, merges });
  const blanked = cpu(since);
  const layout = layoutOf(sheet, 2024, 1);
  if (!layout) throw new Error('no layout');
  const map = resolveMapping(
    { ...layout, cells: layout.headerCells, planYear: 2024 },
    { kind: 'long', indicator: '지표코드', indicatorBy: 'code', period: '기간', value: '값', note: '비고' },
  );
  since = process.cpuUsage();
  const read = { sheetName: sheet.name, layout, map, indicators: [], planYear: 2024, merges, listLimit: 500 };
  eachCandidate(read, () => {});
  console.log(
    `${n} rows, ${merges.length} merges: blankMergedCopies ${blanked} s CPU, eachCandidate ${cpu(since)} s CPU`,
  );
}
