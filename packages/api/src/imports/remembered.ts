/**
 * Column mappings remembered per department and sheet layout: a bureau head who chose the columns
 * of their monthly sheet once is not asked again next month. A layout is known by its header's
 * words apart from periods (layout.ts), looked for in each of the first rows, so a sheet that gains
 * a month or a title row is still the same layout. An administrator's choices are their own.
 */

import { type Db, findImportLayouts, saveImportLayout } from '@tangible/db';
import type { SignedInUser } from '../auth/policy.js';
import { HEADER_SEARCH_ROWS, layoutFingerprint } from './layout.js';
import { type Mapping, mappingSchema } from './mapping.js';
import type { SourceSheet } from './source.js';

type NonTemplate = Exclude<Mapping, { kind: 'template' }>;

export function layoutOwner(user: SignedInUser): string {
  return user.departmentId === null ? `user:${user.id}` : `department:${user.departmentId}`;
}

/** The remembered mapping whose layout is this sheet's (its header row found by its words), or null. */
export async function findRememberedMapping(
  db: Db,
  user: SignedInUser,
  sheet: SourceSheet,
  planYear: number,
  headerRow: number | undefined,
): Promise<{ headerRow: number; mapping: NonTemplate } | null> {
  const rows = sheet.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .filter((row) => headerRow === undefined || row.row === headerRow);
  const fingerprints = new Map<string, number>();
  for (const row of rows) {
    const fingerprint = layoutFingerprint(row.cells, planYear);
    if (fingerprint !== '' && !fingerprints.has(fingerprint)) fingerprints.set(fingerprint, row.row);
  }
  const found = await findImportLayouts(db, layoutOwner(user), [...fingerprints.keys()]);
  const usable = found
    .map((layout) => {
      const parsed = mappingSchema.safeParse(JSON.parse(layout.mapping));
      const row = fingerprints.get(layout.fingerprint);
      return parsed.success && parsed.data.kind !== 'template' && row !== undefined
        ? { headerRow: row, mapping: parsed.data }
        : null;
    })
    .filter((layout) => layout !== null)
    .sort((a, b) => a.headerRow - b.headerRow);
  return usable[0] ?? null;
}

/** Remembers the mapping a person chose for this header (called inside the import's transaction). */
export async function rememberMapping(
  db: Db,
  user: SignedInUser,
  header: { row: number; fingerprint: string },
  mapping: NonTemplate,
  now: Date,
): Promise<void> {
  if (header.fingerprint === '') return;
  await saveImportLayout(db, {
    owner: layoutOwner(user),
    fingerprint: header.fingerprint,
    headerRow: header.row,
    mapping: JSON.stringify(mapping),
    chosenBy: user.id,
    chosenAt: now.toISOString(),
  });
}
