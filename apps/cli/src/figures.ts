/**
 * `pnpm cli figures rebuild`: recomputes every stored figure from the data. Every change made through
 * Tangible already keeps them; this is for after data was changed around it, or to check that
 * nothing drifted (the property test in @tangible/api holds that a rebuild changes nothing).
 */

import { rebuildFigures } from '@tangible/db';
import { Command } from 'commander';
import { withDatabase } from './database.js';
import { say } from './messages.js';
import { describe } from './usage.js';

export function figuresCommand(): Command {
  const figures = new Command('figures').description(describe('figures'));
  figures
    .command('rebuild')
    .description(describe('figures.rebuild'))
    .action(() =>
      withDatabase(
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
      ),
    );
  return figures;
}
