import { describe, expect, it } from 'vitest';
import { seriesOf } from './series.js';
import { row } from './year-rows.testing.js';

describe('seriesOf', () => {
  it('lets a later plan’s baseline stand for a year without a plan, marked as a baseline with its source', () => {
    const [series] = seriesOf([row(2024, { baseline_value: 80, baseline_year: 2023, source: '이데일리' })]);
    expect(series?.years.map((y) => [y.year, y.kind, y.actual, y.source])).toEqual([
      [2023, 'baseline', 80, '이데일리'],
      [2024, 'measured', 100, null],
    ]);
  });

  it('never lets a baseline stand for a year that has a plan: the measured value stays', () => {
    const [series] = seriesOf([
      row(2024, { actual_to_date: 150 }),
      row(2025, { baseline_value: 140, baseline_year: 2024 }),
    ]);
    expect(series?.years.map((y) => [y.year, y.kind, y.actual])).toEqual([
      [2024, 'measured', 150],
      [2025, 'measured', 100],
    ]);
  });

  it('takes the nearest later plan’s baseline when two plans name the same year', () => {
    const [series] = seriesOf([
      row(2024, { baseline_value: 80, baseline_year: 2022 }),
      row(2025, { baseline_value: 70, baseline_year: 2022 }),
    ]);
    expect(series?.years[0]).toMatchObject({ year: 2022, kind: 'baseline', actual: 80 });
  });

  it('keeps a revised target beside the original, and names the series by its latest year', () => {
    const [series] = seriesOf([
      row(2024, { target_revised: 120, name_en: 'Old name' }),
      row(2025, { name_en: 'Foreign visitors', sector_code: 'TOUR' }),
    ]);
    expect(series?.years[0]?.target).toEqual({ original: 100, revised: 120 });
    expect(series?.name.en).toBe('Foreign visitors');
    expect(series?.sectorCode).toBe('TOUR');
  });

  it('ignores a baseline of the plan’s own year or later (no year stands for itself)', () => {
    const [series] = seriesOf([row(2024, { baseline_value: 80, baseline_year: 2024 })]);
    expect(series?.years.map((y) => y.kind)).toEqual(['measured']);
  });

  it('marks a baseline standing for a year as a draft’s when it comes from a draft plan', () => {
    // A new code in the 2025 draft, its 2024 figure taken from elsewhere: not yet the plan of record.
    const [series] = seriesOf([row(2025, { plan_status: 'draft', baseline_value: 80, baseline_year: 2024 })]);
    expect(series?.years.map((y) => [y.year, y.kind, y.draft])).toEqual([
      [2024, 'baseline', true],
      [2025, 'measured', true],
    ]);
  });
});
