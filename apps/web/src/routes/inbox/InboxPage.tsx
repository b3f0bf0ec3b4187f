import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { formatDate, useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { useTRPC } from '../../trpc';
import { useInboxInput } from './inboxYear';
import './inbox.css';

/** The signed-in user's own inbox (inbox.mine): one list per source, each item linking to its screen. */
export default function InboxPage() {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const inbox = useQuery(trpc.inbox.mine.queryOptions(useInboxInput()));
  return (
    <section className="inbox-page" aria-labelledby="inbox-title">
      <header>
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        <p className="muted">{t('inbox.intro')}</p>
      </header>
      <QueryState query={inbox}>
        {(data) => (
          <>
            <p className="muted">
              {t('inbox.today', { year: data.year, date: formatDate(data.today, language) })}
            </p>
            {data.total === 0 && <p className="state state-empty">{t('inbox.empty')}</p>}
            {data.sections
              .filter((section) => section.total > 0)
              .map((section) => (
                <section key={section.section} aria-labelledby={`inbox-${section.section}`}>
                  <h2 id={`inbox-${section.section}`}>
                    {t(`inbox.section.${section.section}`)}{' '}
                    <span className="inbox-count">{section.total}</span>
                  </h2>
                  {section.items.length < section.total && (
                    <p className="muted">
                      {t('inbox.more', { shown: section.items.length, total: section.total })}
                    </p>
                  )}
                  <ul className="inbox-items">
                    {section.items.map((item) => (
                      <li key={`${item.code}|${item.period}|${item.date}`}>
                        <Link to={item.link}>
                          <span className="inbox-code">{item.code}</span> {item.name[language]}
                        </Link>{' '}
                        {item.period && <span>{formatPeriod(item.period, t)}</span>}{' '}
                        {section.section !== 'values_returned' &&
                          section.section !== 'approvals_waiting' &&
                          item.note && (
                            <span className={`inbox-note inbox-${item.note}`}>
                              {t(`inbox.note.${item.note}`)}
                            </span>
                          )}{' '}
                        {item.date && (
                          <span className="muted">
                            {t(
                              section.section === 'reports_owed' ||
                                section.section === 'follow_through' ||
                                section.section === 'directives_to_confirm'
                                ? 'inbox.due'
                                : section.section === 'values_returned'
                                  ? 'inbox.returned'
                                  : 'inbox.entered',
                              { date: formatDate(item.date.slice(0, 10), language) },
                            )}
                          </span>
                        )}
                        {section.section === 'values_returned' && item.note && (
                          <p className="inbox-reason">{t('inbox.reason', { reason: item.note })}</p>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
          </>
        )}
      </QueryState>
    </section>
  );
}
