import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { formatPeriod, formatValue } from '../../format/numbers';
import { useTRPC } from '../../trpc';

const SHOWN = 6;

/**
 * What is overdue (a period past its due date without a value) and what awaits approval, across the
 * plan: how many, and the first few of each (the longest overdue, the oldest waiting).
 */
export function ReportingPanel({ year, canApprove }: { year: number; canApprove: boolean }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const overdue = useQuery(trpc.reports.overdue.queryOptions({ year, limit: SHOWN }));
  const pending = useQuery(trpc.approvals.pending.queryOptions({ year, limit: SHOWN }));
  return (
    <section aria-labelledby="reporting-title" className="reporting-panel panel">
      <h2 id="reporting-title">{t('overview.reporting')}</h2>
      <QueryState query={overdue}>
        {(late) => {
          const waiting = pending.data ?? { items: [], total: 0 };
          return (
            <>
              <p className="reporting-summary">
                {t('overview.reportingOverdue', { count: late.total })} ·{' '}
                {t('overview.reportingPending', { count: waiting.total })}
              </p>
              <div className="reporting-lists">
                <div>
                  <h3>{t('overview.overdueList')}</h3>
                  {late.total === 0 ? (
                    <p className="muted">{t('overview.nothingOverdue')}</p>
                  ) : (
                    <ul>
                      {late.items.map((item) => (
                        <li key={`${item.code}-${item.period}`}>
                          <ViewLink to={`/indicators/${item.code}`}>{item.name[language]}</ViewLink>
                          <span className="muted">
                            {' · '}
                            {formatPeriod(item.period, t)} · {formatDate(item.dueDate, language)} ·{' '}
                            <ViewLink to={`/departments/${item.department.code}`}>
                              {item.department.name[language]}
                            </ViewLink>
                          </span>
                        </li>
                      ))}
                      {late.total > late.items.length && (
                        <li className="muted">
                          {t('overview.andMore', { count: late.total - late.items.length })}
                        </li>
                      )}
                    </ul>
                  )}
                </div>
                <div>
                  <h3>{t('overview.pendingList')}</h3>
                  {waiting.total === 0 ? (
                    <p className="muted">{t('overview.nothingPending')}</p>
                  ) : (
                    <ul>
                      {waiting.items.map((item) => (
                        <li key={item.id}>
                          <ViewLink to={`/indicators/${item.code}`}>{item.name[language]}</ViewLink>
                          <span className="muted">
                            {' · '}
                            {formatPeriod(item.period, t)} · {formatValue(item.value, item.unit, language, t)}{' '}
                            · {item.department.name[language]}
                          </span>
                        </li>
                      ))}
                      {waiting.total > waiting.items.length && (
                        <li className="muted">
                          {t('overview.andMore', { count: waiting.total - waiting.items.length })}{' '}
                          {canApprove && <ViewLink to="/approvals">{t('overview.seeAllPending')}</ViewLink>}
                        </li>
                      )}
                    </ul>
                  )}
                </div>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
