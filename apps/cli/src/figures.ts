/**
 * `pnpm cli figures rebuild`: recomputes every stored figure from the data. Every change made through
 * Tangible already keeps them; this is for after data was changed around it, or to check that
 * nothing drifted (the property test in @tangible/api holds that a rebuild changes nothing). Never
 * behind a running server: rebuilding a plan holds the write lock until it is done (23 s at 100,000
 * indicators), and the server would wait, then fail, every change meanwhile.
 */

import { databaseInUse, databaseLocation, rebuildFigures } from '@tangible/db';
import { Command } from 'commander';
import { withDatabase } from './database.js';
import { Declined, say } from './messages.js';
import { describe } from './usage.js';

export function figuresCommand(): Command {
  const figures = new Command('figures').description(describe('figures'));
  figures
    .command('rebuild')
    .description(describe('figures.rebuild'))
    .action(() => {
      const location = databaseLocation(process.env.DATABASE_URL);
      // Asked before opening it: this command's own connection would count. PostgreSQL lets a
      // rebuild run beside a server's writes, so only an SQLite file is asked.
      if (location.engine === 'sqlite' && databaseInUse(location.file))
        throw new Declined('figures_rebuild_in_use', { file: location.file });
      return withDatabase(
        async (db) => {
          const started = performance.now();
          const built = await rebuildFigures(db);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          for (const plan of built) console.log(say('figures_plan', { ...plan }));
          const rows = built.reduce((sum, plan) => sum + plan.rows, 0);
          console.log(say('figures_rebuilt', { plans: built.length, rows, seconds }));
        },
        // Rebuilt below either way: catching up first would compute everything twice.
        { figures: false },
      );
    });
  return figures;
}
