/**
 * The weekly digest for executives: the indicators that values approved in the past seven days left
 * off track. Enqueued once per executive and week (the week's Monday in the key) by any run from
 * Monday 08:00 in the city on, so a process down at that minute sends it when it comes back.
 * The directives and corrective actions overdue that day follow (digest-follow-through.ts).
 */

import { dateIn } from '@tangible/core';
import type { Db } from '@tangible/db';
import { CITY_TIME_ZONE } from '../reporting.js';
import { type OverdueLine, overdueFollowThrough } from './digest-follow-through.js';
import { enqueueFor } from './enqueue.js';
import { type DigestLine, digestWording } from './wording.js';

/** The Monday of the week a date falls in (ISO weeks start on Monday): 2024-09-19 → 2024-09-16. */
export function mondayOf(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** The hour (city time) from which a week's digest goes out on its Monday. */
export const DIGEST_HOUR = 8;

/**
 * The figure at the latest as-of month stored for each indicator code, the year counting before the
 * month: with December 2024 and January 2025 stored, January 2025 is the latest (comparing months
 * alone picked December and labelled a digest spanning the new year with the old year's figure).
 */
export function latestFigures<T extends { code: string; year: number; month: number }>(
  rows: readonly T[],
): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const seen = latest.get(row.code);
    if (!seen || row.year * 12 + row.month > seen.year * 12 + seen.month) latest.set(row.code, row);
  }
  return [...latest.values()];
}

async function newlyOffTrack(db: Db, organisationId: number, since: Date): Promise<DigestLine[]> {
  const rows = await db
    .selectFrom('measurements')
    .innerJoin('indicators', 'indicators.id', 'measurements.indicator_id')
    .innerJoin('indicator_figures', 'indicator_figures.indicator_id', 'indicators.id')
    .innerJoin('plans', 'plans.id', 'indicator_figures.plan_id')
    .select([
      'indicators.code',
      'indicators.name_ko',
      'indicators.name_en',
      'indicator_figures.month',
      'indicator_figures.status',
      'plans.year',
    ])
    .where('plans.organisation_id', '=', organisationId)
    .where('measurements.status', '=', 'approved')
    .where('measurements.reviewed_at', '>=', since.toISOString())
    .execute();
  return latestFigures(rows)
    .filter((r) => r.status === 'off_track')
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({
      code: r.code,
      name: { ko: r.name_ko, en: r.name_en },
      asOf: `${r.year}-${String(r.month).padStart(2, '0')}`,
    }));
}

/** Enqueues this week's digest for each executive with an address who has none yet; returns how many. */
export async function enqueueDigests(db: Db, now: Date): Promise<number> {
  const today = dateIn(CITY_TIME_ZONE, now);
  const week = mondayOf(today);
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: CITY_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(
      now,
    ),
  );
  if (today === week && hour < DIGEST_HOUR) return 0;
  const executives = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('role', '=', 'executive')
    .where('disabled_at', 'is', null)
    .where('email', 'is not', null)
    .where('mail_wanted', '=', 1)
    .execute();
  const since = new Date(now.getTime() - 7 * 24 * 3600_000);
  const byOrganisation = new Map<number, { offTrack: DigestLine[]; overdue: OverdueLine[] }>();
  let enqueued = 0;
  for (const executive of executives) {
    let lines = byOrganisation.get(executive.organisation_id);
    if (!lines) {
      lines = {
        offTrack: await newlyOffTrack(db, executive.organisation_id, since),
        overdue: await overdueFollowThrough(db, executive.organisation_id, today),
      };
      byOrganisation.set(executive.organisation_id, lines);
    }
    const found = lines;
    const id = await db.transaction().execute((trx) =>
      enqueueFor(
        trx,
        executive.id,
        {
          key: `digest:${executive.id}:${week}`,
          kind: 'digest',
          word: (language, name) => digestWording(language, name, week, found.offTrack, found.overdue),
        },
        now,
      ),
    );
    if (id !== null) enqueued += 1;
  }
  return enqueued;
}
