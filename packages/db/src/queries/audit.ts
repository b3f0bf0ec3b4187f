/** The audit trail: appended to, never updated or deleted (the database refuses both). */

import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';

/**
 * An organisation's entries. Entries written before there were organisations carry none and are
 * the first organisation's (migration 0007: every row was then its).
 */
export function auditOf(organisationId: number) {
  return (eb: ExpressionBuilder<Database, 'audit_log'>) =>
    eb.or([
      eb('audit_log.organisation_id', '=', organisationId),
      eb.and([
        eb('audit_log.organisation_id', 'is', null),
        eb(eb.val(organisationId), '=', eb.selectFrom('organisations').select(eb.fn.min('id').as('id'))),
      ]),
    ]);
}

export interface AuditRecord {
  at: string;
  /** Whose entry it is: the organisation of the plan, user or token it is about. */
  organisationId: number;
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
      organisation_id: entry.organisationId,
    })
    .execute();
}

export interface AuditFilter {
  /** Whose entries. */
  organisationId: number;
  indicatorId?: number;
  entityType?: string;
  limit?: number;
}

/** An organisation's audit entries (see auditOf), newest first. */
export async function findAudit(db: Db, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where(auditOf(filter.organisationId))
    .orderBy('id', 'desc');
  if (filter.indicatorId !== undefined) query = query.where('indicator_id', '=', filter.indicatorId);
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return query.execute();
}
