import { describe, expect, it } from 'vitest';
import { type MilestoneDates, milestoneState, milestoneTrack, slippageDays } from './milestone.js';
import { evaluateMilestoneIndicator, milestoneSeries } from './milestone-indicator.js';
import { DEFAULT_THRESHOLDS } from './status.js';

const m = (
  planned: string,
  actual: string | null = null,
  forecast: string | null = null,
  weight = 1,
): MilestoneDates => ({
  planned,
  forecast,
  actual,
  weight,
});

describe('milestoneState and slippageDays', () => {
  it.each([
    ['done on the day planned', m('2024-05-31', '2024-05-31'), '2024-06-30', 'done_on_time', 0],
    ['done ten days early', m('2024-06-15', '2024-06-05'), '2024-06-30', 'done_early', -10],
    ['done two months late', m('2024-03-31', '2024-05-31'), '2024-06-30', 'done_late', 61],
    [
      'overdue with no forecast: slippage grows to the as-of date',
      m('2024-06-30'),
      '2024-09-30',
      'overdue',
      92,
    ],
    [
      'overdue with a stale forecast: the as-of date wins',
      m('2024-04-01', null, '2024-05-01'),
      '2024-06-30',
      'overdue',
      90,
    ],
    [
      'overdue with a later forecast: the forecast counts',
      m('2024-06-01', null, '2024-10-01'),
      '2024-06-30',
      'overdue',
      122,
    ],
    [
      'not due, forecast later than planned: slipping',
      m('2024-10-31', null, '2024-12-31'),
      '2024-06-30',
      'slipping',
      61,
    ],
    ['not due and on plan', m('2024-10-31'), '2024-06-30', 'planned', 0],
    ['done after the as-of date is not done yet', m('2024-06-01', '2024-08-01'), '2024-06-30', 'overdue', 29],
  ] as const)('%s', (_name, milestone, asOfDate, state, slippage) => {
    expect(milestoneState(milestone, asOfDate)).toBe(state);
    expect(slippageDays(milestone, asOfDate)).toBe(slippage);
  });
});

describe('milestoneTrack', () => {
  const track = [
    m('2024-02-29', '2024-02-29'),
    m('2024-04-30', '2024-05-20'),
    m('2024-07-31'),
    m('2025-12-31'),
  ];

  it('compares weight done with weight planned by the as-of date', () => {
    expect(milestoneTrack(track, '2024-06-30', '2024-12-31')).toEqual({
      progress: 0.5,
      plannedProgress: 0.5,
      plannedByYearEnd: 0.75,
      forecastByYearEnd: 0.75,
      attainment: 1,
    });
  });

  it('counts a done-late milestone as missing until it is done', () => {
    expect(milestoneTrack(track, '2024-04-30', '2024-12-31').attainment).toBe(0.5);
  });

  it('lowers the year-end forecast when a milestone slips past the year', () => {
    const slipped = [track[0], track[1], m('2024-07-31', null, '2025-03-31'), track[3]] as MilestoneDates[];
    expect(milestoneTrack(slipped, '2024-06-30', '2024-12-31').forecastByYearEnd).toBe(0.5);
  });

  it('expects nothing not done by the year end to be done by it, once the year is over', () => {
    // As of 31 December the July milestone is still not done: it will not be done in the year.
    expect(milestoneTrack(track, '2024-12-31', '2024-12-31').forecastByYearEnd).toBe(0.5);
    // Nor will one whose forecast date passed before it was done.
    const forecastPast = [m('2024-07-31', null, '2024-11-30'), m('2024-12-31', '2024-12-20')];
    expect(milestoneTrack(forecastPast, '2024-12-31', '2024-12-31').forecastByYearEnd).toBe(0.5);
    // Before the year is over, an overdue milestone may still be done by its end.
    expect(milestoneTrack(track, '2024-11-30', '2024-12-31').forecastByYearEnd).toBe(0.75);
  });

  it('weighs milestones by their weight', () => {
    const weighted = [m('2024-02-01', '2024-02-01', null, 3), m('2024-03-01', null, null, 1)];
    expect(milestoneTrack(weighted, '2024-06-30', '2024-12-31').attainment).toBe(0.75);
  });

  it('gives no attainment when nothing was planned or done, and full attainment for early work', () => {
    expect(milestoneTrack([m('2024-09-30')], '2024-06-30', '2024-12-31').attainment).toBeNull();
    expect(milestoneTrack([m('2024-09-30', '2024-03-15')], '2024-06-30', '2024-12-31').attainment).toBe(1);
  });
});

describe('evaluateMilestoneIndicator', () => {
  it('expresses the track as percentages and a status', () => {
    const track = [m('2024-02-29', '2024-02-29'), m('2024-04-30'), m('2024-05-31'), m('2029-12-31')];
    const figures = evaluateMilestoneIndicator(track, { year: 2024, month: 6 }, DEFAULT_THRESHOLDS);
    expect(figures.actualToDate).toBe(25);
    expect(figures.targetToDate).toBe(75);
    expect(figures.attainment).toBeCloseTo(1 / 3, 9);
    expect(figures.status).toBe('off_track');
    expect(figures.forecastYearEnd).toBe(75);
    expect(figures.forecastMeetsTarget).toBe(true);
    expect(figures.lastPeriod).toBe('2024-02');
    expect(figures.periodsDue).toBe(3);
    expect(figures.periodsReported).toBe(1);
  });

  it('has no data before anything is planned or done', () => {
    const figures = evaluateMilestoneIndicator(
      [m('2024-09-30')],
      { year: 2024, month: 3 },
      DEFAULT_THRESHOLDS,
    );
    expect(figures.status).toBe('no_data');
    expect(figures.actualToDate).toBe(0);
  });

  it('draws the planned path month by month and the forecast after the as-of month', () => {
    const series = milestoneSeries([m('2024-02-15', '2024-02-15'), m('2024-08-15', null, '2024-11-15')], {
      year: 2024,
      month: 6,
    });
    expect(series[0]).toMatchObject({ period: '2024-01', actualToDate: 0, targetToDate: 0, forecast: null });
    expect(series[5]).toMatchObject({ period: '2024-06', actualToDate: 50, targetToDate: 50 });
    expect(series[7]).toMatchObject({
      period: '2024-08',
      actualToDate: null,
      targetToDate: 100,
      forecast: 50,
    });
    expect(series[10]).toMatchObject({ period: '2024-11', forecast: 100 });
  });
});
