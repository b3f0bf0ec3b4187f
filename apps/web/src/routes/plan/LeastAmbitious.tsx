import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatValue } from '../../format/numbers';
import { useTRPC } from '../../trpc';
import { signedPercent } from './AmbitionNote';

const PAGE_PARAM = 'ambitionPage';
const LIMIT = 10;

/**
 * The plan's least ambitious targets first (sorted and paged by the server): each target beside the
 * trend's projection for the year, its stretch over the trend and over the baseline, and its label.
 */
export function LeastAmbitious({ year }: { year: number }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get(PAGE_PARAM)) || 1);
  const query = useQuery(trpc.years.leastAmbitious.queryOptions({ year, drafts: true, page, limit: LIMIT }));
  const searchFor = (to: number) => {
    const next = new URLSearchParams(params);
    next.set(PAGE_PARAM, String(to));
    return `?${next.toString()}`;
  };
  return (
    <section className="plan-ambition-list" aria-labelledby="plan-ambition-title">
      <h2 id="plan-ambition-title">{t('plan.ambition.listTitle')}</h2>
      <p className="muted">{t('plan.ambition.listIntro')}</p>
      <QueryState query={query} isEmpty={(data) => data.total === 0}>
        {(list) => (
          <>
            <table className="indicator-table">
              <thead>
                <tr>
                  <th scope="col">{t('plan.ambition.indicator')}</th>
                  <th scope="col" className="num">
                    {t('plan.ambition.target')}
                  </th>
                  <th scope="col" className="num">
                    {t('plan.ambition.projection')}
                  </th>
                  <th scope="col" className="num">
                    {t('plan.ambition.overTrend')}
                  </th>
                  <th scope="col" className="num">
                    {t('plan.ambition.overBaseline')}
                  </th>
                  <th scope="col">{t('plan.ambition.labelTitle')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((item) => (
                  <tr key={item.code} data-code={item.code} data-ambition={item.label}>
                    <th scope="row">
                      <span className="code">{item.code}</span> {item.name[language]}
                    </th>
                    <td className="num">{formatValue(item.target, item.unit, language, t)}</td>
                    <td className="num">{formatValue(item.projection, item.unit, language, t)}</td>
                    <td className="num">{signedPercent(item.stretchOverTrend, language)}</td>
                    <td className="num">{signedPercent(item.stretchOverBaseline, language)}</td>
                    <td>{t(`plan.ambition.label.${item.label}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              page={list.page}
              limit={list.limit}
              total={list.total}
              label={t('plan.ambition.pager')}
              searchFor={searchFor}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
