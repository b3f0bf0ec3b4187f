import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../auth/useSession';
import { type ExportColumn, exportFileName, exportTable } from '../../components/ExportCsvButton';
import { ListExport, serverExport } from '../../components/ListExport';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { useTRPC } from '../../trpc';
import { usePaging } from '../../view/usePaging';
import { useView } from '../../view/useView';
import { PendingItem, type PendingValue } from './PendingItem';
import './approvals.css';

/** The planning office's queue: values reported by departments, approved with one click or returned with a reason. */
export default function ApprovalsPage() {
  const { t } = useLanguage();
  const session = useSession();
  const { view, yearsQuery } = useView();
  const user = session.data?.user;
  if (session.isPending) return <QueryState query={session}>{() => null}</QueryState>;
  if (!user || (user.role !== 'approver' && user.role !== 'admin')) {
    return (
      <section className="approvals-page" aria-labelledby="approvals-title">
        <h1 id="approvals-title">{t('approvals.title')}</h1>
        <div className="approvals-only" role="note">
          <h2>
            <span aria-hidden="true">⊘ </span>
            {t('approvals.onlyTitle')}
          </h2>
          <p>{t('approvals.onlyBody', { role: user ? t(`auth.role.${user.role}`) : '–' })}</p>
        </div>
      </section>
    );
  }
  return (
    <section className="approvals-page" aria-labelledby="approvals-title">
      <header className="approvals-header">
        <h1 id="approvals-title">{t('approvals.title')}</h1>
        <p className="muted">{t('approvals.intro')}</p>
      </header>
      {view ? (
        <ApprovalQueue year={view.year} />
      ) : (
        <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
          {() => <p className="state">{t('state.loading')}</p>}
        </QueryState>
      )}
    </section>
  );
}

/**
 * Where else values wait: the queue is one plan year's (the picker's), and the values reported for
 * another (last year's December, next year's first months) would otherwise look like none.
 */
function OtherYears({ year }: { year: number }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const waiting = useQuery(trpc.approvals.waiting.queryOptions({}));
  const years = (waiting.data?.years ?? []).filter((other) => other.year !== year);
  if (years.length === 0) return null;
  const linkTo = (year: number) => {
    const search = new URLSearchParams(params);
    search.set('year', String(year));
    search.delete('asOf');
    search.delete('page');
    return `/approvals?${search}`;
  };
  return (
    <p className="approvals-other-years" role="note">
      {t('approvals.otherYears')}{' '}
      {years.map((other, i) => (
        <span key={other.year}>
          {i > 0 && ', '}
          <Link to={linkTo(other.year)}>
            {t('approvals.otherYear', { year: other.year, count: other.count })}
          </Link>
        </span>
      ))}
    </p>
  );
}

/** Values per page of the queue. */
const LIMIT = 25;

function ApprovalQueue({ year }: { year: number }) {
  const { t, language } = useLanguage();
  const trpc = useTRPC();
  const paging = usePaging({});
  const pending = useQuery(
    trpc.approvals.pending.queryOptions(
      { year, page: paging.page, limit: LIMIT },
      { placeholderData: (previous) => previous },
    ),
  );
  const [message, setMessage] = useState<string | null>(null);
  // The queue as a CSV, in the order shown: values raw, the unit beside them, periods as YYYY-MM.
  const exportColumns: ExportColumn<PendingValue>[] = [
    { header: t('export.code'), value: (item) => item.code },
    { header: t('table.indicator'), value: (item) => item.name[language] },
    { header: t('table.owner'), value: (item) => item.department.name[language] },
    { header: t('approvals.period'), value: (item) => item.period },
    { header: t('approvals.value'), value: (item) => item.value },
    { header: t('approvals.current'), value: (item) => item.currentApproved },
    { header: t('export.unit'), value: (item) => t(`units.${item.unit}`, { defaultValue: item.unit }) },
    { header: t('approvals.note'), value: (item) => item.note },
    { header: t('approvals.evidence'), value: (item) => item.evidenceUrl },
    { header: t('approvals.enteredBy'), value: (item) => item.enteredBy },
    { header: t('departments.page.reporting.enteredAt'), value: (item) => item.enteredAt },
  ];
  return (
    <>
      <p className="approvals-message" role="status">
        {message && (
          <>
            <span aria-hidden="true">✓ </span>
            {message}
          </>
        )}
      </p>
      <QueryState query={pending}>
        {(queue) => (
          <section aria-labelledby="approvals-queue-title">
            <h2 id="approvals-queue-title">{t('approvals.queueTitle', { count: queue.total })}</h2>
            <OtherYears year={year} />
            {queue.total === 0 ? (
              <p className="state state-empty approvals-empty">{t('approvals.empty')}</p>
            ) : (
              <>
                <ListExport
                  name={exportFileName('approvals-pending', year, language)}
                  {...exportTable(exportColumns, queue.items)}
                  what={t('approvals.queueTitle', { count: queue.total })}
                  total={queue.total}
                  whole={serverExport('measurements.csv', { year, status: 'pending', lang: language })}
                />
                <ul className="approvals-list">
                  {queue.items.map((item) => (
                    <PendingItem
                      key={item.id}
                      item={item}
                      currentApproved={item.currentApproved}
                      onReviewed={setMessage}
                    />
                  ))}
                </ul>
                <Pager
                  page={paging.page}
                  limit={LIMIT}
                  total={queue.total}
                  label={t('approvals.pages')}
                  searchFor={paging.searchFor}
                />
              </>
            )}
          </section>
        )}
      </QueryState>
    </>
  );
}
