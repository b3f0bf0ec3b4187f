/**
 * Display formatting of figures the server computed: numbers with their unit, percentages, periods,
 * in the reader's language. Korean uses 만 / 억 / 조 for large amounts (292.9만 명, 6조 원).
 * Formatting only: no figure is computed here.
 */

import type { TFunction } from 'i18next';
import { shortMonthName } from './moments';

type Language = 'ko' | 'en';

function grouped(value: number, language: Language, digits = 1): string {
  return new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
    maximumFractionDigits: digits,
  }).format(value);
}

/** Korean large numbers: 29,291,920 → 2,929.2만; 6e12 → 6조; 3.65e11 → 3,650억. */
export function koreanLarge(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e12) return `${grouped(value / 1e12, 'ko', 2)}조`;
  if (abs >= 1e8) return `${grouped(value / 1e8, 'ko', 1)}억`;
  if (abs >= 1e4) return `${grouped(value / 1e4, 'ko', 1)}만`;
  return grouped(value, 'ko');
}

function englishCompact(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** A value with its unit: `2929192 people` → ko "292.9만 명", en "2.93M people". */
export function formatValue(value: number | null, unit: string, language: Language, t: TFunction): string {
  if (value === null) return '–';
  if (unit === 'percent') return `${grouped(value, language)}%`;
  if (unit === 'rank')
    return language === 'ko' ? `${grouped(value, 'ko', 0)}위` : `#${grouped(value, 'en', 0)}`;
  if (unit === 'krw_100m') {
    return language === 'ko' ? `${koreanLarge(value * 1e8)} 원` : `KRW ${englishCompact(value * 1e8)}`;
  }
  if (unit === 'usd_million') {
    return language === 'ko' ? `${koreanLarge(value * 1e6)} 달러` : `USD ${englishCompact(value * 1e6)}`;
  }
  const label = t(`units.${unit}`, { defaultValue: unit });
  const number =
    language === 'ko'
      ? Math.abs(value) >= 1e4 && Number.isInteger(value)
        ? koreanLarge(value)
        : grouped(value, 'ko')
      : Math.abs(value) >= 1e6
        ? englishCompact(value)
        : grouped(value, 'en');
  if (!label) return number;
  if (language === 'en') return `${number} ${label}`;
  // Korean counters attach to the numeral (3명, 12개소) except after 만/억/조 and multi-word units (292.9만 명, 5 개 기관).
  const spaced = label.includes(' ') || /[만억조]$/.test(number) || /^[A-Za-z]/.test(label);
  return spaced ? `${number} ${label}` : `${number}${label}`;
}

/** A fraction as a percentage: 0.953 → "95.3%"; null → "–". */
export function formatPercent(fraction: number | null, language: Language): string {
  if (fraction === null) return '–';
  return `${grouped(fraction * 100, language)}%`;
}

/** A period as words: `2024-06` → "2024년 6월" / "Jun 2024"; `2024-Q1` → "2024년 1분기" / "Q1 2024". */
export function formatPeriod(period: string | null, t: TFunction): string {
  if (!period) return '–';
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const monthName = shortMonthName(Number(month[2]));
    return t('period.month', { year: month[1], month: Number(month[2]), monthName });
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return t('period.quarter', { year: quarter[1], quarter: quarter[2] });
  return t('period.year', { year: period });
}
