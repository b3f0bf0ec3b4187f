/** Progress reports written on a directive or a corrective action (migration 0012), oldest first. */

import type { Db } from '../connection.js';
import { inIdList } from './id-list.js';

export interface NewProgressNote {
  subject: { directiveId: number } | { actionId: number };
  departmentId: number | null;
  note: string;
  writtenByUserId: number;
  writtenBy: string;
  writtenAt: string;
}

export async function insertProgressNote(db: Db, note: NewProgressNote): Promise<number> {
  const { id } = await db
    .insertInto('progress_notes')
    .values({
      directive_id: 'directiveId' in note.subject ? note.subject.directiveId : null,
      action_id: 'actionId' in note.subject ? note.subject.actionId : null,
      department_id: note.departmentId,
      note: note.note,
      written_by_user_id: note.writtenByUserId,
      written_by: note.writtenBy,
      written_at: note.writtenAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findProgressNotes(db: Db, subject: { directiveId: number } | { actionId: number }) {
  const query = db
    .selectFrom('progress_notes')
    .leftJoin('departments', 'departments.id', 'progress_notes.department_id')
    .select([
      'progress_notes.id',
      'progress_notes.note',
      'progress_notes.written_by',
      'progress_notes.written_at',
      'departments.code as department_code',
    ])
    .orderBy('progress_notes.id');
  return 'directiveId' in subject
    ? query.where('progress_notes.directive_id', '=', subject.directiveId).execute()
    : query.where('progress_notes.action_id', '=', subject.actionId).execute();
}

/** The notes of several corrective actions at once (an indicator's), oldest first: one query however many. */
export async function findActionProgressNotes(db: Db, actionIds: readonly number[]) {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom('progress_notes')
    .leftJoin('departments', 'departments.id', 'progress_notes.department_id')
    .select([
      'progress_notes.id',
      'progress_notes.action_id',
      'progress_notes.note',
      'progress_notes.written_by',
      'progress_notes.written_at',
      'departments.code as department_code',
    ])
    .where(inIdList(db, 'progress_notes.action_id', actionIds))
    .orderBy('progress_notes.id')
    .execute();
}
