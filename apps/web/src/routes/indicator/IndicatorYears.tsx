import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod, formatValue } from '../../format/numbers';
import { type RouterOutputs, useTRPC } from '../../trpc';
import { SourceText } from './SourceText';

export type IndicatorYears = RouterOutputs['years']['indicator'];
export type IndicatorYearRow = IndicatorYears['years'][number];

const IndicatorYearsChart = lazy(() => import('./IndicatorYearsChart'));

/** The month a measured year stands at, as a period: `2024-12`. */
function standsAt(row: IndicatorYearRow): string | null {
  return row.month === null ? null : `${row.year}-${String(row.month).padStart(2, '0')}`;
}

/**
 * Every year of the indicator (by its code across the organisation's plans): the actual against
 * the target, and where a year has no plan, the later plan's baseline standing for it with its
 * source. A chart of the same rows above the table, which is its text alternative.
 */
export function IndicatorYearsSection({ code, drafts = false }: { code: string; drafts?: boolean }) {
  const trpc = useTRPC();
  const { t } = useLanguage();
  // Drafts asked for (a draft plan's indicator): its draft years too, each marked as a draft.
  const query = useQuery(trpc.years.indicator.queryOptions(drafts ? { code, drafts } : { code }));
  if (!query.data) return null;
  const series = query.data;
  return (
    <section
      className="indicator-years"
      aria-labelledby="indicator-years-title"
      data-testid="indicator-years"
    >
      <h2 id="indicator-years-title">{t('indicator.years.title')}</h2>
      <p className="muted">{t('indicator.years.intro')}</p>
      {series.years.length > 1 && (
        <Suspense fallback={<p className="state">{t('state.loading')}</p>}>
          <IndicatorYearsChart series={series} />
        </Suspense>
      )}
      <YearsTable series={series} />
    </section>
  );
}

function YearsTable({ series }: { series: IndicatorYears }) {
  const { t, language } = useLanguage();
  const show = (value: number | null) => formatValue(value, series.unit, language, t);
  return (
    <table className="indicator-table indicator-years-table">
      <caption className="visually-hidden">{t('indicator.years.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('indicator.years.year')}</th>
          <th scope="col" className="num">
            {t('indicator.years.target')}
          </th>
          <th scope="col" className="num">
            {t('indicator.years.actual')}
          </th>
          <th scope="col" className="num">
            {t('indicator.years.attainment')}
          </th>
          <th scope="col">{t('indicator.years.status')}</th>
          <th scope="col">{t('indicator.years.source')}</th>
        </tr>
      </thead>
      <tbody>
        {series.years.map((row) => (
          <tr key={row.year} data-year={row.year} data-kind={row.kind}>
            <th scope="row">
              {t('indicator.years.yearLabel', { year: row.year })}
              {row.draft && <span className="muted"> · {t('indicator.years.draft')}</span>}
            </th>
            <td className="num" data-column="target">
              {row.target === null ? (
                '–'
              ) : row.target.revised !== null ? (
                <>
                  <span className="visually-hidden">{t('indicator.years.originalTarget')}: </span>
                  <s>{show(row.target.original)}</s> → {show(row.target.revised)}
                </>
              ) : (
                show(row.target.original)
              )}
            </td>
            <td className="num" data-column="actual">
              {show(row.actual)}
              {(row.kind === 'baseline' || row.actual !== null) && (
                <>
                  <br />
                  <span className="muted indicator-years-kind">
                    {row.kind === 'baseline'
                      ? t('indicator.years.baseline')
                      : t('indicator.years.measuredAt', { period: formatPeriod(standsAt(row), t) })}
                  </span>
                </>
              )}
            </td>
            <td className="num">{formatPercent(row.attainment, language)}</td>
            <td>{row.status ? <StatusBadge status={row.status} /> : '–'}</td>
            <td className="indicator-years-source">
              {row.kind === 'baseline' ? <SourceText source={row.source} /> : '–'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
