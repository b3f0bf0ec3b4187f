import { describe, expect, it } from 'vitest';
import { formatDate } from './language';
import { formatMoment } from './moments';

describe('a moment on screen', () => {
  it('is Busan time whatever the machine’s zone', () => {
    // 05:12 UTC is 14:12 in Busan; a machine in UTC or Los Angeles shows the same.
    expect(formatMoment('2024-07-03T05:12:00Z', 'en')).toBe('3 Jul 2024, 14:12');
    // Across midnight: 20:30 UTC on 31 December is already the new year in Busan.
    expect(formatMoment('2024-12-31T20:30:00Z', 'en')).toBe('1 Jan 2025, 05:30');
    expect(formatMoment('2024-07-03T05:12:00Z', 'ko')).toMatch(/^2024\. 7\. 3\. .*2:12$/);
  });

  it('names September as the periods do ("Sep 2024"), not as en-GB now does ("Sept")', () => {
    expect(formatMoment('2024-09-03T05:12:00Z', 'en')).toBe('3 Sep 2024, 14:12');
    // 30 September 20:00 UTC is already 1 October in Busan: the month named is Busan's.
    expect(formatMoment('2024-09-30T20:00:00Z', 'en')).toBe('1 Oct 2024, 05:00');
    expect(formatDate('2025-09-30', 'en')).toBe('30 Sep 2025');
    expect(formatDate('2025-05-31', 'en')).toBe('31 May 2025');
    expect(formatDate('2025-09-30', 'ko')).toBe('2025년 9월 30일');
  });

  it('says a missing moment as a dash and leaves an unreadable one as written', () => {
    expect(formatMoment(null, 'en')).toBe('–');
    expect(formatMoment('soon', 'ko')).toBe('soon');
  });
});
