/**
 * English inflects a counted noun (1 indicator, 2 indicators); Korean does not. Every English string
 * that counts with {{count}} either has its `_one` and `_other` forms, which i18next chooses by the
 * count, or reads right for any count and is listed below: a new counted string cannot say "1 values".
 */

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { merged } from './catalogue';

/** Counted strings whose English reads the same for one and for several ("3 overdue", "Submit 1"). */
const READS_FOR_ANY_COUNT = new Set([
  'overview.trackOverdue',
  'nav.inboxCount',
  'overview.andMore',
  'export.whole',
  'export.wholeFor',
  'sector.milestones.progress',
  'sector.briefing.andMore',
  'sector.briefing.milestonesCut',
  'sector.briefing.milestonesNote',
  'milestones.overdueCount',
  'milestones.slippingCount',
  'departments.page.reporting.pending',
  'departments.page.reporting.returned',
  'departments.page.reporting.overdue',
  'report.changes.title',
  'report.changes.submit',
  'report.changes.submitted',
  'approvals.queueTitle',
  'plan.decisions.revisions',
  'plan.decisions.changes',
]);

type Catalogue = { [key: string]: string | Catalogue };

function strings(catalogue: Catalogue, path: string[] = []): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[[...path, key].join('.'), value]] : strings(value, [...path, key]),
  );
}

/**
 * The problems' sentences come from the one table the server and the CLI say them from too
 * (packages/api/src/problem-sentences.ts), not through i18next's plurals.
 */
const english = strings(merged('en') as Catalogue).filter(([key]) => !key.startsWith('problems.'));
const counted = english.filter(([, text]) => text.includes('{{count}}'));

describe('counted English strings', () => {
  it('each have their singular and plural forms, or read right for any count', () => {
    const keys = new Set(english.map(([key]) => key));
    const unforked = counted
      .map(([key]) => key)
      .filter((key) => !/_(one|other)$/.test(key) && !READS_FOR_ANY_COUNT.has(key));
    expect(unforked).toEqual([]);
    const halves = counted
      .map(([key]) => key)
      .filter((key) => /_(one|other)$/.test(key))
      .filter(
        (key) =>
          !keys.has(key.replace(/_(one|other)$/, '_one')) ||
          !keys.has(key.replace(/_(one|other)$/, '_other')),
      );
    expect(halves).toEqual([]);
    expect([...READS_FOR_ANY_COUNT].filter((key) => !keys.has(key))).toEqual([]);
  });

  it('say one thing in the singular and several in the plural', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { en: { translation: merged('en') } },
      lng: 'en',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    expect(i18n.t('import.committed', { count: 1 })).toBe('1 value is now waiting for approval');
    expect(i18n.t('import.committed', { count: 3 })).toBe('3 values are now waiting for approval');
    expect(i18n.t('overview.indicatorCount', { count: 1 })).toBe('1 indicator');
    expect(i18n.t('departments.departmentCount', { count: 12 })).toBe('12 departments');
    expect(i18n.t('overview.reportingPending', { count: 1 })).toBe('1 value awaiting approval');
    expect(i18n.t('overview.reportingOverdue', { count: 287 })).toBe('287 overdue reports');
  });
});
