import { describe, expect, it } from 'vitest';
import { score } from './score.js';

describe('score', () => {
  it.each([
    [
      'weights 1 and 3, attainment 0.5 and 1.2 (capped at 1) → 0.875',
      [
        { attainment: 0.5, weight: 1 },
        { attainment: 1.2, weight: 3 },
      ],
      0.875,
    ],
    [
      'indicators with no data are left out',
      [
        { attainment: 0.6, weight: 1 },
        { attainment: null, weight: 5 },
      ],
      0.6,
    ],
    ['no indicator with data gives no score', [{ attainment: null, weight: 1 }], null],
    ['no indicators gives no score', [], null],
    [
      'an attainment of zero pulls the score down',
      [
        { attainment: 0, weight: 1 },
        { attainment: 1, weight: 1 },
      ],
      0.5,
    ],
  ] as const)('%s', (_name, items, expected) => {
    const result = score(items);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 10);
  });
});
