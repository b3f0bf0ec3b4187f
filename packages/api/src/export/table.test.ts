import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvOptions } from './table.js';

const write = (rows: (string | number | null)[][], header = ['text', 'n']) =>
  stringify(
    rows.map((row) => Object.fromEntries(row.map((cell, i) => [String(i), cell]))),
    csvOptions(header, false),
  );

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
