/** Every migration in order. Names sort by date and number; a new migration is a new file added here. */

import type { Migration } from 'kysely/migration';
import * as plan from './2024-01-01-0001-plan.js';
import * as accounts from './2024-01-02-0002-accounts.js';
import * as signInDevices from './2024-01-03-0003-sign-in-devices.js';
import * as importLayouts from './2024-01-04-0004-import-layouts.js';
import * as storedFigures from './2024-01-05-0005-stored-figures.js';
import * as storedRollups from './2024-01-06-0006-stored-rollups.js';

export const migrations: Record<string, Migration> = {
  '2024-01-01-0001-plan': plan,
  '2024-01-02-0002-accounts': accounts,
  '2024-01-03-0003-sign-in-devices': signInDevices,
  '2024-01-04-0004-import-layouts': importLayouts,
  '2024-01-05-0005-stored-figures': storedFigures,
  '2024-01-06-0006-stored-rollups': storedRollups,
};
