import { describe, expect, it } from 'vitest';
import { readPeriodText } from './period.js';

const plan = { planYear: 2024 };

describe('a period written as people write it is read as the one period it names', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024-3', '2024-03'],
    ['2024/03', '2024-03'],
    ['2024.03', '2024-03'],
    ['2024.10', '2024-10'],
    ['2024.3', '2024-03'],
    ['2024.12', '2024-12'],
    ['2024. 3.', '2024-03'],
    ['2024.3.', '2024-03'],
    ['2024. 1.', '2024-01'],
    ['2024.1.', '2024-01'],
    ['2024. 10.', '2024-10'],
    ['202403', '2024-03'],
    ['2024년 3월', '2024-03'],
    ['2024년3월', '2024-03'],
    ['24년 1월', '2024-01'],
    ['2024년 3월분', '2024-03'],
    ['1월', '2024-01'],
    ['12 월', '2024-12'],
    ['２０２４－０３', '2024-03'],
    ['　2024-03　', '2024-03'],
    ['2024-Q1', '2024-Q1'],
    ['2024 q2', '2024-Q2'],
    ['Q3 2024', '2024-Q3'],
    ['2024 3Q', '2024-Q3'],
    ['Q4', '2024-Q4'],
    ['2024년 4분기', '2024-Q4'],
    ['2024년 1/4분기', '2024-Q1'],
    ['1분기', '2024-Q1'],
    ['제2분기', '2024-Q2'],
    ['3/4분기', '2024-Q3'],
    ['24년 1분기', '2024-Q1'],
    ['2024', '2024'],
    ['2024년', '2024'],
    ['2024년도', '2024'],
    ['24년', '2024'],
  ])('%s is %s', (text, expected) => {
    expect(readPeriodText(text, plan)).toEqual({ kind: 'value', value: expected });
  });
});

describe('a date is the period of the indicator’s frequency it falls in', () => {
  it.each([
    ['2024-03-15', 'monthly', '2024-03'],
    ['2024-03-15', 'unknown', '2024-03'],
    ['2024-03-15', 'quarterly', '2024-Q1'],
    ['2024-10-01', 'quarterly', '2024-Q4'],
    ['2024-03-15', 'annual', '2024'],
    ['2024. 3. 15.', 'monthly', '2024-03'],
    ['2024/3/1', 'monthly', '2024-03'],
    ['2024년 3월 15일', 'monthly', '2024-03'],
    ['2024-03-01 00:00:00', 'monthly', '2024-03'],
    ['45352', 'monthly', '2024-03'],
    ['45352.5', 'quarterly', '2024-Q1'],
    ['45292', 'annual', '2024'],
  ] as const)('%s on a %s indicator is %s', (text, frequency, expected) => {
    const context = frequency === 'unknown' ? plan : { ...plan, frequency };
    expect(readPeriodText(text, context)).toEqual({ kind: 'value', value: expected });
  });
});

describe('a period that can be read two ways is refused, never guessed', () => {
  it.each([
    ['2024.1', '2024-01', '2024-10'],
    ['２０２４．１', '2024-01', '2024-10'],
    ['2023.1', '2023-01', '2023-10'],
  ])('%s may be %s or %s', (text, first, second) => {
    expect(readPeriodText(text, plan)).toEqual({
      kind: 'problem',
      code: 'ambiguous_period',
      params: { value: text.normalize('NFKC'), first, second },
    });
  });
});

describe('what is not a period says why', () => {
  it.each([
    ['2024-13', 'bad_period'],
    ['2024.13', 'bad_period'],
    ['2024.0', 'bad_period'],
    ['2024-02-30', 'bad_period'],
    ['20241', 'bad_period'],
    ['March 2024', 'bad_period'],
    ['3', 'bad_period'],
    ['12345', 'bad_period'],
    ['상반기', 'half_year_period'],
    ['2024년 하반기', 'half_year_period'],
    ['2024 H1', 'half_year_period'],
    ['#REF!', 'excel_error'],
    ['#####', 'excel_column_too_narrow'],
  ])('%s is refused as %s', (text, code) => {
    expect(readPeriodText(text, plan)).toMatchObject({ kind: 'problem', code });
  });

  it('a month without a year is no period when the plan year is not known', () => {
    expect(readPeriodText('3월', {})).toMatchObject({ kind: 'problem', code: 'bad_period' });
  });
});

describe('an empty cell or a placeholder is not reported', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['-', '-'],
    ['해당없음', '해당없음'],
  ])('%j is a blank (placeholder %j)', (text, placeholder) => {
    expect(readPeriodText(text, plan)).toEqual({ kind: 'blank', placeholder });
  });
});

describe('four digits are a year only within a plan’s span', () => {
  it.each([['0202'], ['02024Q'], ['3024-03']])('%s is not a period', (text) => {
    expect(readPeriodText(text, plan)).toMatchObject({ kind: 'problem', code: 'bad_period' });
  });
});
