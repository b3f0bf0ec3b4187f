/**
 * Column mappings a department chose for a sheet layout, so its next upload of the same layout is
 * read the same way without asking again. One row per owner and layout (the header's words apart
 * from periods): a bureau head's department, or an administrator (who has none). Frozen once applied.
 */

import type { Kysely } from 'kysely';
import { numbered } from './dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_layouts')
    .addColumn('id', 'integer', numbered(db))
    /** `department:<id>` for a bureau head's department, `user:<id>` for an administrator. */
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('header_row', 'integer', (c) => c.notNull())
    /** The mapping as the import reads it (JSON). */
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('chosen_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_layouts_owner_fingerprint', ['owner', 'fingerprint'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_layouts').execute();
}
