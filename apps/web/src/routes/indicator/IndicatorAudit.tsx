import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import {
  type ExportColumn,
  ExportCsvButton,
  exportFileName,
  exportTable,
} from '../../components/ExportCsvButton';
import { QueryState } from '../../components/QueryState';
import { type Language, useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { formatPeriod, formatValue } from '../../format/numbers';
import { type RouterOutputs, useTRPC } from '../../trpc';
import './indicator-audit.css';

type AuditEntry = RouterOutputs['audit']['list'][number];

/** The parts of a recorded value the trail shows; the server stores them as JSON of this shape. */
interface RecordedValue {
  period?: string;
  value?: number;
  status?: string;
}

function recorded(json: unknown): RecordedValue | null {
  if (json === null || typeof json !== 'object') return null;
  const { period, value, status } = json as Record<string, unknown>;
  return {
    period: typeof period === 'string' ? period : undefined,
    value: typeof value === 'number' ? value : undefined,
    status: typeof status === 'string' ? status : undefined,
  };
}

const STATES = ['pending', 'approved', 'returned'];

function describe(json: unknown, unit: string, language: Language, t: TFunction): string {
  const value = recorded(json);
  if (!value || (value.value === undefined && value.status === undefined)) return '–';
  const parts: string[] = [];
  if (value.value !== undefined) parts.push(formatValue(value.value, unit, language, t));
  if (value.status !== undefined) {
    const status = STATES.includes(value.status) ? t(`indicator.audit.state.${value.status}`) : value.status;
    parts.push(value.value === undefined ? status : `(${status})`);
  }
  return parts.join(' ');
}

/** Every change to this indicator's values, newest first: when, who, what, before → after, and why. */
export function IndicatorAudit({ year, code, unit }: { year: number; code: string; unit: string }) {
  const { t } = useLanguage();
  const trpc = useTRPC();
  const query = useQuery(trpc.audit.list.queryOptions({ year, indicator: code }));
  const csv = `/api/export/audit.csv?${new URLSearchParams({ year: String(year), indicator: code })}`;
  return (
    <section aria-labelledby="indicator-audit-title" className="indicator-audit" data-section="audit">
      <div className="indicator-audit-head">
        <h2 id="indicator-audit-title">{t('indicator.audit.title')}</h2>
        <a href={csv} download className="indicator-audit-csv">
          {t('indicator.audit.csv')}
        </a>
      </div>
      <p className="muted">{t('indicator.audit.intro')}</p>
      <QueryState query={query}>
        {(entries) =>
          entries.length === 0 ? (
            <p className="state state-empty indicator-audit-empty">{t('indicator.audit.empty')}</p>
          ) : (
            <AuditTable entries={entries} unit={unit} year={year} code={code} />
          )
        }
      </QueryState>
    </section>
  );
}

/** A recorded value for the CSV: the number when there is one, else the state in words. */
function rawRecorded(json: unknown, t: TFunction): number | string | null {
  const value = recorded(json);
  if (value?.value !== undefined) return value.value;
  if (value?.status !== undefined)
    return STATES.includes(value.status) ? t(`indicator.audit.state.${value.status}`) : value.status;
  return null;
}

function AuditTable({
  entries,
  unit,
  year,
  code,
}: {
  entries: AuditEntry[];
  unit: string;
  year: number;
  code: string;
}) {
  const { t, language } = useLanguage();
  const periodOf = (entry: AuditEntry) =>
    recorded(entry.after)?.period ?? recorded(entry.before)?.period ?? null;
  const exportColumns: ExportColumn<AuditEntry>[] = [
    { header: t('indicator.audit.at'), value: (e) => e.at },
    { header: t('indicator.audit.actor'), value: (e) => e.actor },
    {
      header: t('indicator.audit.action'),
      value: (e) => t(`indicator.audit.actions.${e.action.replace('.', '_')}`, { defaultValue: e.action }),
    },
    { header: t('indicator.audit.period'), value: periodOf },
    { header: t('indicator.audit.before'), value: (e) => rawRecorded(e.before, t) },
    { header: t('indicator.audit.after'), value: (e) => rawRecorded(e.after, t) },
    { header: t('indicator.audit.reason'), value: (e) => e.reason },
  ];
  return (
    <>
      <ExportCsvButton
        name={exportFileName('audit', code, year, language)}
        {...exportTable(exportColumns, entries)}
        what={t('indicator.audit.caption')}
      />
      <div className="table-scroll">
        <table className="data-table indicator-audit-table">
          <caption className="visually-hidden">{t('indicator.audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator.audit.at')}</th>
              <th scope="col">{t('indicator.audit.actor')}</th>
              <th scope="col">{t('indicator.audit.action')}</th>
              <th scope="col">{t('indicator.audit.period')}</th>
              <th scope="col">{t('indicator.audit.change')}</th>
              <th scope="col">{t('indicator.audit.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const period = recorded(entry.after)?.period ?? recorded(entry.before)?.period ?? null;
              return (
                <tr key={entry.id} data-action={entry.action}>
                  <td>
                    <time dateTime={entry.at}>{formatMoment(entry.at, language)}</time>
                  </td>
                  <td>{entry.actor}</td>
                  <td>
                    {t(`indicator.audit.actions.${entry.action.replace('.', '_')}`, {
                      defaultValue: entry.action,
                    })}
                  </td>
                  <td>{formatPeriod(period, t)}</td>
                  <td className="indicator-audit-change">
                    <span className="visually-hidden">{t('indicator.audit.before')}: </span>
                    <span>{describe(entry.before, unit, language, t)}</span>
                    <span aria-hidden="true"> → </span>
                    <span className="visually-hidden">, {t('indicator.audit.after')}: </span>
                    <span>{describe(entry.after, unit, language, t)}</span>
                  </td>
                  <td>{entry.reason ?? '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
