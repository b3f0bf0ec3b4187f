import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';
import '../directives/directives.css';

/** The mayor's panel: per sector, directives not done and overdue, and corrective actions open and overdue. */
export function FollowThroughPanel({ year }: { year: number }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const summary = useQuery(trpc.directives.summary.queryOptions({ year }));
  return (
    <section aria-labelledby="follow-title" className="follow-panel panel">
      <h2 id="follow-title">{t('directives.panel.title')}</h2>
      <QueryState query={summary}>
        {(data) => (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('directives.sector')}</th>
                <th scope="col" className="num">
                  {t('directives.panel.directives')}
                </th>
                <th scope="col" className="num">
                  {t('directives.panel.directivesOverdue')}
                </th>
                <th scope="col" className="num">
                  {t('directives.panel.proposed')}
                </th>
                <th scope="col" className="num">
                  {t('directives.panel.actions')}
                </th>
                <th scope="col" className="num">
                  {t('directives.panel.actionsOverdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.sectors.map((s) => (
                <tr key={s.code} data-sector={s.code}>
                  <th scope="row">
                    <ViewLink to="/directives" params={{ sector: s.code }}>
                      {s.name[language]}
                    </ViewLink>
                  </th>
                  <td className="num">{s.directives.open}</td>
                  <td className={`num${s.directives.overdue > 0 ? ' overdue-badge' : ''}`}>
                    {s.directives.overdue}
                  </td>
                  <td className="num">{s.directives.proposed}</td>
                  <td className="num">{s.actions.open}</td>
                  <td className={`num${s.actions.overdue > 0 ? ' overdue-badge' : ''}`}>
                    {s.actions.overdue}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      <p>
        <ViewLink to="/directives">{t('directives.panel.all')}</ViewLink>
      </p>
    </section>
  );
}
