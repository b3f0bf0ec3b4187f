import { useQuery } from '@tanstack/react-query';
import { useLanguage } from '../format/language';
import { formatPercent, formatPeriod } from '../format/numbers';
import { type Bilingual, useTRPC } from '../trpc';
import type { View } from '../view/useView';
import './last-year.css';

const STATUSES = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;

/**
 * This year beside the same month last year (years.lastYear: stored roll-ups, counts only): the
 * score and the status counts of the plan and each sector, or of one sector. Nothing when the
 * organisation has no plan of last year.
 */
export function LastYearBeside({
  view,
  sectorCode,
  sectorNames,
}: {
  view: View;
  /** One sector's comparison; without it, the plan's and every sector's. */
  sectorCode?: string;
  sectorNames?: ReadonlyMap<string, Bilingual>;
}) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const query = useQuery(trpc.years.lastYear.queryOptions(view));
  const compared = query.data;
  if (!compared) return null;
  const groups = compared.groups.filter((g) =>
    sectorCode === undefined ? true : g.sectorCode === sectorCode,
  );
  if (groups.length === 0) return null;
  const nameOf = (code: string | null) =>
    code === null ? t('lastYear.wholePlan') : (sectorNames?.get(code)?.[language] ?? code);
  const pair = (now: number | string, before: number | string | undefined) => `${now} / ${before ?? '–'}`;
  return (
    <section className="last-year" aria-labelledby="last-year-title" data-testid="last-year">
      <h2 id="last-year-title">
        {t('lastYear.title', {
          now: formatPeriod(compared.asOf, t),
          before: formatPeriod(compared.lastYearAsOf, t),
        })}
      </h2>
      <table className="indicator-table last-year-table">
        <thead>
          <tr>
            <th scope="col">{t('lastYear.group')}</th>
            <th scope="col" className="num">
              {t('lastYear.score')}
            </th>
            {STATUSES.map((status) => (
              <th scope="col" className="num" key={status}>
                {t(`status.${status}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.sectorCode ?? 'plan'} data-sector={g.sectorCode ?? 'plan'}>
              <th scope="row">{nameOf(g.sectorCode)}</th>
              <td className="num">
                {pair(
                  formatPercent(g.now.score, language),
                  g.lastYear ? formatPercent(g.lastYear.score, language) : undefined,
                )}
              </td>
              {STATUSES.map((status) => (
                <td className="num" key={status} data-status={status}>
                  {pair(g.now.statusCounts[status], g.lastYear?.statusCounts[status])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('lastYear.reading')}</p>
    </section>
  );
}
