import { describe, expect, it } from 'vitest';
import { countStatuses, statusOf } from './status.js';

describe('statusOf', () => {
  it.each([
    ['nothing reported is no data', null, 'no_data'],
    ['exactly 95 % is on track', 0.95, 'on_track'],
    ['above 100 % is on track', 1.4, 'on_track'],
    ['just under 95 % is at risk', 0.9499, 'at_risk'],
    ['exactly 80 % is at risk', 0.8, 'at_risk'],
    ['just under 80 % is off track', 0.7999, 'off_track'],
    ['zero is off track', 0, 'off_track'],
    ['an overflowed attainment (Infinity) is no data, never on track', Number.POSITIVE_INFINITY, 'no_data'],
    ['NaN (0 / 0) is no data', Number.NaN, 'no_data'],
  ] as const)('%s', (_name, attainment, expected) => {
    expect(statusOf(attainment)).toBe(expected);
  });

  it('uses per-indicator thresholds when given', () => {
    expect(statusOf(0.92, { onTrack: 0.9, atRisk: 0.7 })).toBe('on_track');
    expect(statusOf(0.75, { onTrack: 0.9, atRisk: 0.7 })).toBe('at_risk');
    expect(statusOf(0.69, { onTrack: 0.9, atRisk: 0.7 })).toBe('off_track');
  });
});

describe('countStatuses', () => {
  it('counts each status and reports zero for absent ones', () => {
    expect(countStatuses(['on_track', 'off_track', 'on_track'])).toEqual({
      on_track: 2,
      at_risk: 0,
      off_track: 1,
      no_data: 0,
    });
  });
});
