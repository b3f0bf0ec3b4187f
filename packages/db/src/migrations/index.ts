/** Every migration in order. Names sort by date and number; a new migration is a new file added here. */

import type { Migration } from 'kysely/migration';
import * as plan from './2024-01-01-0001-plan.js';
import * as accounts from './2024-01-02-0002-accounts.js';
import * as signInDevices from './2024-01-03-0003-sign-in-devices.js';
import * as importLayouts from './2024-01-04-0004-import-layouts.js';
import * as storedFigures from './2024-01-05-0005-stored-figures.js';
import * as storedRollups from './2024-01-06-0006-stored-rollups.js';
import * as organisations from './2024-01-07-0007-organisations.js';
import * as dataVersion from './2024-01-08-0008-data-version.js';
import * as planEditor from './2024-01-09-0009-plan-editor.js';
import * as mail from './2024-01-11-0011-mail.js';
import * as followThrough from './2024-01-12-0012-follow-through.js';
import * as changeNotices from './2024-01-13-0013-change-notices.js';
import * as mailWanted from './2024-01-14-0014-mail-wanted.js';

export const migrations: Record<string, Migration> = {
  '2024-01-01-0001-plan': plan,
  '2024-01-02-0002-accounts': accounts,
  '2024-01-03-0003-sign-in-devices': signInDevices,
  '2024-01-04-0004-import-layouts': importLayouts,
  '2024-01-05-0005-stored-figures': storedFigures,
  '2024-01-06-0006-stored-rollups': storedRollups,
  '2024-01-07-0007-organisations': organisations,
  '2024-01-08-0008-data-version': dataVersion,
  '2024-01-09-0009-plan-editor': planEditor,
  '2024-01-11-0011-mail': mail,
  '2024-01-12-0012-follow-through': followThrough,
  '2024-01-13-0013-change-notices': changeNotices,
  '2024-01-14-0014-mail-wanted': mailWanted,
};
