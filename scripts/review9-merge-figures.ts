/**
 * Review 9 figures (not a test: speed is measured, not asserted): CPU seconds to read a long xlsx
 * whose every row has its remark merged over two columns (D:E, as a formatted sheet has) and whose
 * names are merged down pairs of rows, through readSource (blankMergedCopies) and eachCandidate
 * (filledDown). Both scan every merge for every row (cell), so the time grows with rows × merges.
 * `npx tsx scripts/review9-merge-figures.ts [rows…]`
 */

import { layoutOf } from '../packages/api/src/imports/layout.js';
import { resolveMapping } from '../packages/api/src/imports/mapping.js';
import { eachCandidate } from '../packages/api/src/imports/reading.js';
import { readSource } from '../packages/api/src/imports/sources/index.js';
import { workbookParts, zipOf } from '../packages/api/src/imports/sources/review9-zip.js';

const cpu = (since: NodeJS.CpuUsage) => (process.cpuUsage(since).user / 1e6).toFixed(2);
const counts = process.argv.slice(2).map(Number);
for (const n of counts.length > 0 ? counts : [10_000, 20_000, 40_000]) {
  const rows: string[] = [
    '<row r="1"><c r="A1" t="inlineStr"><is><t>지표코드</t></is></c><c r="B1" t="inlineStr"><is><t>기간</t></is></c><c r="C1" t="inlineStr"><is><t>값</t></is></c><c r="D1" t="inlineStr"><is><t>비고</t></is></c></row>',
  ];
  const merges: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    const name = i % 2 === 0 ? `<c r="A${r}" t="inlineStr"><is><t>K-${i % 200}</t></is></c>` : '';
    rows.push(
      `<row r="${r}">${name}<c r="B${r}" t="inlineStr"><is><t>2024-${String((i % 12) + 1).padStart(2, '0')}</t></is></c><c r="C${r}"><v>${100 + i}</v></c><c r="D${r}" t="inlineStr"><is><t>메모</t></is></c></row>`,
    );
    merges.push(`<mergeCell ref="D${r}:E${r}"/>`);
    if (i % 2 === 0) merges.push(`<mergeCell ref="A${r}:A${r + 1}"/>`);
  }
  const { head, sheetParts } = workbookParts([{ name: '실적', file: 1, rows: rows.join('') }]);
  const [name, xml] = sheetParts[0] as [string, string];
  const withMerges = xml.replace(
    '</sheetData>',
    `</sheetData><mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`,
  );
  const bytes = zipOf([...head, [name, withMerges]]);
  let since = process.cpuUsage();
  const source = await readSource(bytes, 'merged.xlsx');
  const read = cpu(since);
  const sheet = source.sheets[0];
  if (!sheet) throw new Error('no sheet');
  const layout = layoutOf(sheet, 2024, 1);
  if (!layout) throw new Error('no layout');
  const map = resolveMapping(
    { ...layout, cells: layout.headerCells, planYear: 2024 },
    { kind: 'long', indicator: '지표코드', indicatorBy: 'code', period: '기간', value: '값', note: '비고' },
  );
  since = process.cpuUsage();
  eachCandidate(
    {
      sheetName: sheet.name,
      layout,
      map,
      indicators: [],
      planYear: 2024,
      merges: sheet.merges,
      listLimit: 500,
    },
    () => {},
  );
  console.log(
    `${n} rows, ${merges.length} merges, ${(bytes.length / 1024).toFixed(0)} KB: readSource ${read} s CPU, eachCandidate ${cpu(since)} s CPU`,
  );
}
