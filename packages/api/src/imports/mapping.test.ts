import { describe, expect, it } from 'vitest';
import { resolveMapping } from './mapping.js';

const wide = { kind: 'wide', indicator: '지표명', indicatorBy: 'name' } as const;
const headerOf = (header: string[]) => ({
  header,
  cells: header.map((text) => ({ text })),
  roles: [],
  planYear: 2024,
});
const refusalOf = (header: string[]) => {
  try {
    resolveMapping(headerOf(header), wide);
    return null;
  } catch (error) {
    const { code, params } = (error as { cause: { problem: { code: string; params: object } } }).cause
      .problem;
    return { code, params };
  }
};

describe('a wide mapping whose header has no period columns', () => {
  it.each([
    // Halves only: the reason is that halves are not kept, so the person splits them into quarters.
    [['지표명', '상반기', '하반기'], { code: 'half_year_period', params: { value: '상반기' } }],
    [['지표명', '2024년 하반기'], { code: 'half_year_period', params: { value: '2024년 하반기' } }],
    [['지표명', '비고'], { code: 'mapping_no_periods', params: { columns: '지표명, 비고' } }],
  ])('%j is refused as %j', (header, refusal) => {
    expect(refusalOf(header)).toEqual(refusal);
  });

  it('reads quarters beside half-year subtotal columns, the halves left out', () => {
    const map = resolveMapping(headerOf(['지표명', '1분기', '2분기', '상반기', '3분기']), wide);
    expect(map.periodColumns.map((p) => p.cell.text)).toEqual(['1분기', '2분기', '3분기']);
  });
});
