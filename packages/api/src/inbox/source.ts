/**
 * What an inbox is made of: sources, each a file in sources/ that says to whom it applies and loads
 * that user's items from the stored data. A later source (directives or corrective actions assigned,
 * due or overdue) is one more file and one more line in sources/index.ts; nothing else changes.
 */

import type { Db, DutyPlan } from '@tangible/db';
import type { SignedInUser } from '../auth/policy.js';

export interface InboxItem {
  /** The indicator (or later the directive) the item is about. */
  code: string;
  name: { ko: string; en: string };
  period: string | null;
  /** The date that matters: due, returned or entered. */
  date: string | null;
  /** overdue, due_soon, open (reports); the review reason (returned values). */
  note: string | null;
  /** The screen that deals with it. */
  link: string;
}

export interface InboxRequest {
  db: Db;
  user: SignedInUser;
  plan: DutyPlan;
  /** The city's today (Asia/Seoul), ISO. */
  today: string;
}

export interface InboxSource {
  /** The section's name, an i18n key on the screen. */
  section: string;
  appliesTo(user: SignedInUser): boolean;
  /** The items shown (a source may cut a long list) and how many there are in all. */
  load(request: InboxRequest): Promise<{ items: InboxItem[]; total: number }>;
}
