import { useQuery } from '@tanstack/react-query';
import {
  type ExportColumn,
  ExportCsvButton,
  exportFileName,
  exportTable,
} from '../../components/ExportCsvButton';
import { QueryState } from '../../components/QueryState';
import { ViewLink } from '../../components/ViewLink';
import { formatDate, useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { formatPeriod, formatValue } from '../../format/numbers';
import { type RouterOutputs, useTRPC } from '../../trpc';
import './department-reporting.css';

type ReportingIndicator = RouterOutputs['reports']['status']['indicators'][number];
type ReportingPeriod = ReportingIndicator['periods'][number];
type Kind = 'pending' | 'returned' | 'overdue';
interface Row {
  indicator: ReportingIndicator;
  period: ReportingPeriod;
}

const KINDS: Kind[] = ['pending', 'returned', 'overdue'];
const SYMBOL: Record<Kind, string> = { pending: '◔', returned: '↩', overdue: '■' };

/** What the department has waiting for approval, returned, and overdue, as the server's reporting status says. */
export function DepartmentReporting({ year, department }: { year: number; department: string }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  // The department's first 100 measured indicators: the most one answer holds (reports.status).
  const query = useQuery(trpc.reports.status.queryOptions({ year, department, limit: 100 }));
  return (
    <section aria-labelledby="department-reporting" className="departments-reporting">
      <h2 id="department-reporting">{t('departments.page.reporting.title')}</h2>
      <p className="muted">{t('departments.page.reporting.intro')}</p>
      <QueryState query={query}>
        {(status) => {
          const rows = (kind: Kind): Row[] =>
            status.indicators.flatMap((indicator) =>
              indicator.periods.filter((p) => p.state === kind).map((period) => ({ indicator, period })),
            );
          const byKind = Object.fromEntries(KINDS.map((kind) => [kind, rows(kind)])) as Record<Kind, Row[]>;
          return (
            <>
              {status.total > status.indicators.length && (
                <p className="muted">
                  {t('departments.page.reporting.firstOf', {
                    shown: status.indicators.length,
                    total: status.total,
                  })}
                </p>
              )}
              <ul className="departments-reporting-counts">
                {KINDS.map((kind) => (
                  <li key={kind} data-kind={kind} data-count={byKind[kind].length}>
                    <a
                      href={`#department-reporting-${kind}`}
                      className={`departments-reporting-count-${kind}`}
                    >
                      <span aria-hidden="true">{SYMBOL[kind]} </span>
                      {t(`departments.page.reporting.${kind}`, { count: byKind[kind].length })}
                    </a>
                  </li>
                ))}
              </ul>
              {KINDS.map((kind) => (
                <ReportingTable
                  key={kind}
                  kind={kind}
                  rows={byKind[kind]}
                  exportName={exportFileName('reporting', kind, department, year)}
                />
              ))}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ReportingTable({ kind, rows, exportName }: { kind: Kind; rows: Row[]; exportName: string }) {
  const { t, language } = useLanguage();
  const id = `department-reporting-${kind}`;
  const shownValue = (row: Row) =>
    (kind === 'pending' ? row.period.pending?.value : row.period.returned?.value) ?? null;
  // The CSV: the code apart from the name, the period as YYYY-MM, the value raw with its unit beside it.
  const exportColumns: ExportColumn<Row>[] = [
    { header: t('export.code'), value: (r) => r.indicator.code },
    { header: t('departments.page.reporting.indicator'), value: (r) => r.indicator.name[language] },
    { header: t('departments.page.reporting.period'), value: (r) => r.period.period },
    { header: t('departments.page.reporting.dueDate'), value: (r) => r.period.dueDate },
    ...(kind === 'overdue'
      ? []
      : [
          { header: t('departments.page.reporting.value'), value: shownValue },
          {
            header: t('export.unit'),
            value: (r: Row) => t(`units.${r.indicator.unit}`, { defaultValue: r.indicator.unit }),
          },
        ]),
    ...(kind === 'pending'
      ? [
          {
            header: t('departments.page.reporting.enteredAt'),
            value: (r: Row) => r.period.pending?.enteredAt ?? null,
          },
        ]
      : []),
    ...(kind === 'returned'
      ? [
          {
            header: t('departments.page.reporting.reason'),
            value: (r: Row) => r.period.returned?.reason ?? null,
          },
        ]
      : []),
  ];
  return (
    <div className="departments-reporting-group" data-kind={kind}>
      <h3 id={id}>{t(`departments.page.reporting.${kind}`, { count: rows.length })}</h3>
      {rows.length === 0 ? (
        <p className="departments-none">{t(`departments.page.reporting.${kind}None`)}</p>
      ) : (
        <>
          <ExportCsvButton
            name={exportName}
            {...exportTable(exportColumns, rows)}
            what={t(`departments.page.reporting.${kind}Caption`)}
          />
          <div className="table-scroll">
            <table className="data-table departments-reporting-table">
              <caption className="visually-hidden">{t(`departments.page.reporting.${kind}Caption`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('departments.page.reporting.indicator')}</th>
                  <th scope="col">{t('departments.page.reporting.period')}</th>
                  <th scope="col">{t('departments.page.reporting.dueDate')}</th>
                  {kind !== 'overdue' && <th scope="col">{t('departments.page.reporting.value')}</th>}
                  {kind === 'pending' && <th scope="col">{t('departments.page.reporting.enteredAt')}</th>}
                  {kind === 'returned' && <th scope="col">{t('departments.page.reporting.reason')}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ indicator, period }) => (
                  <tr
                    key={`${indicator.code} ${period.period}`}
                    data-code={indicator.code}
                    data-period={period.period}
                  >
                    <th scope="row">
                      <ViewLink to={`/indicators/${indicator.code}`}>
                        <span className="code">{indicator.code}</span> {indicator.name[language]}
                      </ViewLink>
                    </th>
                    <td>{formatPeriod(period.period, t)}</td>
                    <td>{formatDate(period.dueDate, language)}</td>
                    {kind === 'pending' && (
                      <>
                        <td className="num">
                          {formatValue(period.pending?.value ?? null, indicator.unit, language, t)}
                        </td>
                        <td>{formatMoment(period.pending?.enteredAt ?? null, language)}</td>
                      </>
                    )}
                    {kind === 'returned' && (
                      <>
                        <td className="num">
                          {formatValue(period.returned?.value ?? null, indicator.unit, language, t)}
                        </td>
                        <td>{period.returned?.reason ?? '–'}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
