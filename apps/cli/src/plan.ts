/**
 * `pnpm cli plan copy --from 2024 --to 2025 [--org CODE]`: next year's draft from a confirmed plan,
 * by the same service as the plan editor's "start 2025 from 2024" (api planning/copy-forward.ts),
 * recorded in the audit log as the operator's (`cli`).
 */

import { copyForward, refuse } from '@tangible/api';
import { findOrganisationByCode, type PlanCopySummary } from '@tangible/db';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { withDatabase } from './database.js';
import { type Language, say } from './messages.js';
import { describe } from './usage.js';

const planYear = (option: string) => (value: string) => {
  const parsed = z.coerce.number().int().min(2000).max(2100).safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(say('invalid_value', { field: option, reason: say('must_be_year') }));
  return parsed.data;
};

/** What the copy carried, as the command prints it. */
export function copySummaryLines(summary: PlanCopySummary, language?: Language): string[] {
  const { fromYear: from, toYear: to } = summary;
  const lines = [
    say(
      'plan_copied',
      {
        from,
        to,
        sectors: summary.sectors,
        strategies: summary.strategies,
        projects: summary.projects,
        indicators: summary.indicators,
        milestones: summary.milestonesCarried,
        left: summary.milestonesLeft,
      },
      language,
    ),
    say(
      'plan_copied_baselines',
      {
        from,
        fromActuals: summary.baselinesFromActuals,
        keptCount: summary.baselinesKept.length,
        kept: summary.baselinesKept.join(', ') || say('none', {}, language),
      },
      language,
    ),
  ];
  if (summary.baselinesFromPartYear.length > 0)
    lines.push(say('plan_copied_part_year', { codes: summary.baselinesFromPartYear.join(', ') }, language));
  lines.push(say('plan_copied_next', { from }, language));
  return lines;
}

/** `plan copy`, added to the `plan` command beside the workbook's export and import. */
export function planCopyCommand(): Command {
  return new Command('copy')
    .description(describe('plan.copy'))
    .requiredOption('--from <year>', describe('plan.from'), planYear('--from'))
    .requiredOption('--to <year>', describe('plan.to'), planYear('--to'))
    .option('--org <code>', describe('org'), 'busan')
    .action((options: { from: number; to: number; org: string }) =>
      withDatabase(async (db) => {
        const code = options.org.trim().toLowerCase();
        const organisation = await findOrganisationByCode(db, code);
        if (!organisation) throw refuse('NOT_FOUND', 'no_such_organisation', { code });
        const summary = await copyForward(
          db,
          { organisationId: organisation.id, userId: null, name: 'cli' },
          { fromYear: options.from, toYear: options.to },
          new Date(),
        );
        for (const line of copySummaryLines(summary)) console.log(line);
      }),
    );
}
