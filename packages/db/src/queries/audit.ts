/** The audit trail: appended to, never updated or deleted (the database refuses both). */

import type { Db } from '../connection.js';

export interface AuditRecord {
  at: string;
  actorUserId: number | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  indicatorId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function appendAudit(db: Db, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_user_id: entry.actorUserId,
      actor: entry.actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      indicator_id: entry.indicatorId ?? null,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      reason: entry.reason ?? null,
    })
    .execute();
}

export interface AuditFilter {
  indicatorId?: number;
  entityType?: string;
  limit?: number;
}

export async function findAudit(db: Db, filter: AuditFilter = {}) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (filter.indicatorId !== undefined) query = query.where('indicator_id', '=', filter.indicatorId);
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}
