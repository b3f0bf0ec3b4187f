import { addIndicatorsLike, type Db, seededTestDatabase } from '@tangible/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFor, signIn } from '../testing.js';
import { LIST_LIMIT, previewImport } from './preview.js';

/**
 * A file larger than the preview lists: every row counted, at most LIST_LIMIT of each list sent,
 * the rows with problems first, so the answer stays small and what must be fixed is on screen.
 */
let db: Db;
const plan = { id: 0, year: 2024 };
const INDICATORS = 100;

beforeAll(async () => {
  ({ db } = await seededTestDatabase());
  plan.id = (await db.selectFrom('plans').select('id').where('year', '=', 2024).executeTakeFirstOrThrow()).id;
  // A hundred more monthly indicators of the tourism bureau, shaped like CUL-01.
  await addIndicatorsLike(db, 'CUL-01', INDICATORS, 'LARGE', { ko: '대량 지표', en: 'Large indicator' });
});
afterAll(async () => {
  await db.destroy();
});

describe('a preview of a file with more rows than it lists', () => {
  it('counts every row, lists the rows with problems first, and names only what it lists', async () => {
    const lines = ['kpi_code,period,value,note'];
    let line = 1;
    const problemLines: number[] = [];
    for (let i = 0; i < INDICATORS; i++)
      for (let month = 1; month <= 12; month++) {
        lines.push(`LARGE-${i},2024-${String(month).padStart(2, '0')},${100 + month},`);
        line += 1;
        // Every fourth row is followed by one naming no indicator: 300 problems among 1,500 rows.
        if ((i * 12 + month) % 4 === 0) {
          lines.push(`NOPE-${line},2024-01,1,`);
          line += 1;
          problemLines.push(line);
        }
        // And 600 blanks, none of them a problem.
        if (month <= 6) {
          lines.push(`LARGE-${i},2024-${String(month + 6).padStart(2, '0')},-,`);
          line += 1;
        }
      }
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const tourism = await principalFor(db, (await signIn(db, 'tourism.head')).token);
    const preview = await previewImport(db, plan, tourism, bytes, { kind: 'template' }, new Date());

    expect(preview.counts).toEqual({ new: 1200, change: 0, same: 0, error: problemLines.length });
    expect(problemLines.length).toBe(300);
    expect(preview.totals).toEqual({
      rows: 1500,
      problems: 300,
      warnings: 0,
      commentaryOwed: 0,
      notReported: 600,
    });
    // 300 rows with problems, then the first 200 others, in file order.
    expect(preview.rows).toHaveLength(LIST_LIMIT);
    expect(preview.rows.filter((r) => r.outcome === 'error').map((r) => r.line)).toEqual(problemLines);
    const others = preview.rows.filter((r) => r.outcome !== 'error');
    expect(others).toHaveLength(LIST_LIMIT - 300);
    expect(others.every((r) => r.outcome === 'new')).toBe(true);
    expect(preview.rows.map((r) => r.line)).toEqual(
      [...preview.rows.map((r) => r.line)].sort((a, b) => a - b),
    );
    expect(preview.problems).toHaveLength(300);
    expect(preview.notReported).toHaveLength(LIST_LIMIT);
    // The names are those of the listed rows and cells, not of all hundred indicators.
    const listed = new Set(
      [...preview.rows, ...preview.notReported].flatMap((r) => (r.code ? [r.code] : [])),
    );
    expect(Object.keys(preview.names).sort()).toEqual([...listed].sort());
    expect(Object.keys(preview.names).length).toBeLessThan(INDICATORS);
    // What a commit would write is every new row, listed or not.
    expect(preview.checked).toHaveLength(1200);
    expect(preview.canCommit).toBe(false);
  });
});
