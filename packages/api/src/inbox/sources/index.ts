/** Every source of the inbox, in the order the screen shows them. Add a source here. */

import type { InboxSource } from '../source.js';
import { approvalsWaiting } from './approvals-waiting.js';
import { commentaryOwed } from './commentary-owed.js';
import { directivesToConfirm, followThroughAssigned } from './follow-through.js';
import { reportsOwed } from './reports-owed.js';
import { valuesReturned } from './values-returned.js';

export const INBOX_SOURCES: readonly InboxSource[] = [
  reportsOwed,
  valuesReturned,
  commentaryOwed,
  followThroughAssigned,
  approvalsWaiting,
  directivesToConfirm,
];
