import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIRECTIVE_COLUMNS } from '../follow-through/export.js';
import { AUDIT_COLUMNS } from './audit.js';
import { DEPARTMENT_COLUMNS } from './departments.js';
import { INDICATOR_COLUMNS } from './indicators.js';
import { MEASUREMENT_COLUMNS } from './measurements.js';
import { MILESTONE_COLUMNS } from './milestones.js';
import { type Cell, csvBytes, csvOptions, csvText, headerFor } from './table.js';

const write = (rows: (string | number | null)[][], header = ['text', 'n']) =>
  stringify(
    rows.map((row) => Object.fromEntries(row.map((cell, i) => [String(i), cell]))),
    csvOptions(header, false),
  );

describe('headerFor', () => {
  it('gives every column of every export a Korean header (a Korean CSV has no English one left)', () => {
    const exports = {
      indicators: INDICATOR_COLUMNS,
      measurements: MEASUREMENT_COLUMNS,
      milestones: MILESTONE_COLUMNS,
      departments: DEPARTMENT_COLUMNS,
      audit: AUDIT_COLUMNS,
      directives: DIRECTIVE_COLUMNS,
    };
    for (const [name, columns] of Object.entries(exports)) {
      const korean = headerFor(columns, 'ko');
      expect(
        columns.filter((_column, i) => !/[가-힣]/.test(korean[i] ?? '')),
        name,
      ).toEqual([]);
      expect(headerFor(columns, 'en'), name).toEqual([...columns]);
    }
  });
});

describe('csvOptions', () => {
  it.each([
    ['a line feed', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['CRLF', 'a\r\nb'],
    ['a trailing carriage return', 'a\r'],
    ['a line break before a formula', 'note\n=1+1'],
  ])('quotes a cell holding %s, so it stays one cell of one row', (_name, text) => {
    const csv = write([[text, 1]]);
    expect(csv).toBe(`text,n\r\n"${text}",1\r\n`);
    expect(parse(csv, { columns: true })).toEqual([{ text, n: '1' }]);
  });

  it('neutralises formulas in cells and in the header, and leaves numbers as numbers', () => {
    expect(write([['=1+1', -5]], ['@A1', 'n'])).toBe("'@A1,n\r\n'=1+1,-5\r\n");
  });

  it('writes missing values and non-finite numbers as empty cells', () => {
    expect(write([[null, Number.NaN]])).toBe('text,n\r\n,\r\n');
  });
});

/** What csv-stringify writes for a table with csvOptions: the definition csvBytes must match. */
const reference = (header: string[], rows: Cell[][]) =>
  stringify(
    rows.map((row) => Object.fromEntries(row.map((cell, i) => [String(i), cell]))),
    csvOptions(header),
  );

/** Text with what CSV and spreadsheets treat specially: separators, quotes, breaks, formula starts, hidden leads. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[ \t\r\n",;'=+\-@\u200b\u202e\u3164\uff1d\u2212\0a-z가-힣0-9]{0,12}$/),
  fc.constantFrom(
    '',
    '=1+1',
    '-5',
    '+82 51',
    '@SUM(A1)',
    '\r\n',
    '"',
    '""',
    'a,b',
    '\ufeff=x',
    ' \n=HYPERLINK("x")',
  ),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  tricky,
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, 0.1 + 0.2),
);

describe('csvBytes', () => {
  // Bytes, as sent: csv-stringify's text encoded as UTF-8 (a lone surrogate becomes U+FFFD in both).
  it('writes what csv-stringify writes with csvOptions, byte for byte, header and short or long rows included', () => {
    fc.assert(
      fc.property(
        fc.array(tricky, { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }),
        (header, rows) => {
          const width = header.length;
          const fitted = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null));
          const written = csvBytes(rows, width, header);
          expect(written.equals(Buffer.from(reference(header, fitted)))).toBe(true);
          // Without the header: the rows alone, as every slice after the first is written.
          const headerOnly = csvBytes([], width, header);
          expect(csvBytes(rows, width).equals(written.subarray(headerOnly.length))).toBe(true);
          expect(csvText(rows, width, header)).toBe(written.toString('utf8'));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('writes tables larger than its buffers whole, a line longer than a buffer included', () => {
    const header = ['code', 'name', 'n'];
    const rows: Cell[][] = Array.from({ length: 3_000 }, (_, i) => [
      `K-${i}`,
      i % 7 === 0 ? `=지표 "${i}",\n${'가'.repeat(i % 50)}` : `부산 지표 ${'😀'.repeat(i % 5)}`,
      i / 7,
    ]);
    rows.push(['long', '한'.repeat(70_000), 1]);
    const written = csvBytes(rows, header.length, header);
    expect(written.length).toBeGreaterThan(4 * 65_536);
    expect(written.equals(Buffer.from(reference(header, rows)))).toBe(true);
  });
});
