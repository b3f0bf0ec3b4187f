/**
 * Remembered column mappings (one per owner and sheet layout). The rules that read them:
 * packages/api/src/imports/remembered.ts.
 */

import type { Db } from '../connection.js';

export interface RememberedLayout {
  fingerprint: string;
  headerRow: number;
  /** JSON, as stored; the import validates it before use. */
  mapping: string;
}

/** The owner's remembered layouts among these fingerprints. */
export async function findImportLayouts(
  db: Db,
  owner: string,
  fingerprints: readonly string[],
): Promise<RememberedLayout[]> {
  if (fingerprints.length === 0) return [];
  const rows = await db
    .selectFrom('import_layouts')
    .select(['fingerprint', 'header_row', 'mapping'])
    .where('owner', '=', owner)
    .where('fingerprint', 'in', fingerprints)
    .execute();
  return rows.map((r) => ({ fingerprint: r.fingerprint, headerRow: r.header_row, mapping: r.mapping }));
}

/** Remembers (or replaces) the owner's mapping for a layout. */
export async function saveImportLayout(
  db: Db,
  layout: RememberedLayout & { owner: string; chosenBy: number; chosenAt: string },
): Promise<void> {
  const values = {
    owner: layout.owner,
    fingerprint: layout.fingerprint,
    header_row: layout.headerRow,
    mapping: layout.mapping,
    chosen_by: layout.chosenBy,
    chosen_at: layout.chosenAt,
  };
  await db
    .insertInto('import_layouts')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['owner', 'fingerprint']).doUpdateSet({
        header_row: values.header_row,
        mapping: values.mapping,
        chosen_by: values.chosen_by,
        chosen_at: values.chosen_at,
      }),
    )
    .execute();
}
