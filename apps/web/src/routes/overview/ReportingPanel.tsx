import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { formatPeriod, formatValue } from '../../format/numbers';
import { useTRPC } from '../../trpc';

const SHOWN = 6;

/** What is overdue (a period past its due date without a value) and what awaits approval, across the plan. */
export function ReportingPanel({ year }: { year: number }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const status = useQuery(trpc.reports.status.queryOptions({ year }));
  const pending = useQuery(trpc.approvals.pending.queryOptions({ year }));
  return (
    <section aria-labelledby="reporting-title" className="reporting-panel panel">
      <h2 id="reporting-title">{t('overview.reporting')}</h2>
      <QueryState query={status}>
        {(data) => {
          const overdue = data.indicators.flatMap((indicator) =>
            indicator.periods.filter((p) => p.state === 'overdue').map((p) => ({ indicator, period: p })),
          );
          const waiting = pending.data ?? [];
          return (
            <>
              <p className="reporting-summary">
                {t('overview.reportingSummary', { overdue: overdue.length, pending: waiting.length })}
              </p>
              <div className="reporting-lists">
                <div>
                  <h3>{t('overview.overdueList')}</h3>
                  {overdue.length === 0 ? (
                    <p className="muted">{t('overview.nothingOverdue')}</p>
                  ) : (
                    <ul>
                      {overdue.slice(0, SHOWN).map(({ indicator, period }) => (
                        <li key={`${indicator.code}-${period.period}`}>
                          <ViewLink to={`/indicators/${indicator.code}`}>{indicator.name[language]}</ViewLink>
                          <span className="muted">
                            {' · '}
                            {formatPeriod(period.period, t)} · {formatDate(period.dueDate, language)} ·{' '}
                            <ViewLink to={`/departments/${indicator.department.code}`}>
                              {indicator.department.name[language]}
                            </ViewLink>
                          </span>
                        </li>
                      ))}
                      {overdue.length > SHOWN && (
                        <li className="muted">{t('overview.andMore', { count: overdue.length - SHOWN })}</li>
                      )}
                    </ul>
                  )}
                </div>
                <div>
                  <h3>{t('overview.pendingList')}</h3>
                  {waiting.length === 0 ? (
                    <p className="muted">{t('overview.nothingPending')}</p>
                  ) : (
                    <ul>
                      {waiting.slice(0, SHOWN).map((item) => (
                        <li key={item.id}>
                          <ViewLink to={`/indicators/${item.code}`}>{item.name[language]}</ViewLink>
                          <span className="muted">
                            {' · '}
                            {formatPeriod(item.period, t)} · {formatValue(item.value, item.unit, language, t)}{' '}
                            · {item.department.name[language]}
                          </span>
                        </li>
                      ))}
                      {waiting.length > SHOWN && (
                        <li className="muted">{t('overview.andMore', { count: waiting.length - SHOWN })}</li>
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
