import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { exportFileName } from '../../components/ExportCsvButton';
import { IndicatorTable } from '../../components/IndicatorTable';
import { serverExport } from '../../components/ListExport';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { type IndicatorSort, type Status, useTRPC } from '../../trpc';
import { useListFilter, usePaging } from '../../view/usePaging';
import { useView, type View } from '../../view/useView';
import { SectorSelect } from '../milestones/SectorSelect';
import '../milestones/milestones.css';
import { PageHeader } from '../../components/PageHeader';

const LIMIT = 25;
const SORTS: IndicatorSort[] = ['plan', 'code', 'status', 'attainment', 'actual', 'forecast'];
const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

/** Every indicator of the plan, a page at a time, filtered and sorted by the server; all in the URL. */
export default function IndicatorsPage() {
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <IndicatorsContent view={view} />;
}

function IndicatorsContent({ view }: { view: View }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const [sector, setSector] = useListFilter('sector');
  const [department, setDepartment] = useListFilter('department');
  const [statusParam, setStatus] = useListFilter('status');
  const status = STATUSES.find((s) => s === statusParam);
  const paging = usePaging<IndicatorSort>({ sorts: SORTS, defaultSort: 'plan' });
  const filters = {
    ...(sector ? { sector } : {}),
    ...(department ? { department } : {}),
    ...(status ? { status } : {}),
  };
  const query = useQuery(
    trpc.indicators.list.queryOptions(
      { ...view, ...filters, sort: paging.sort, order: paging.order, page: paging.page, limit: LIMIT },
      { placeholderData: (previous) => previous },
    ),
  );
  return (
    <div className="indicators-page">
      <PageHeader
        asOf={t('indicators.asOfDate', { date: formatPeriod(query.data?.asOf ?? view.asOf ?? null, t) })}
        title={t('indicators.title')}
        intro={t('indicators.intro')}
      >
        <div className="milestones-controls">
          <SectorSelect
            year={view.year}
            value={sector}
            onChange={setSector}
            label={t('indicators.sector')}
            allLabel={t('indicators.allSectors')}
          />
          <DepartmentFilter year={view.year} value={department} onChange={setDepartment} />
          <StatusFilter value={status ?? ''} onChange={setStatus} />
        </div>
      </PageHeader>
      <QueryState query={query}>
        {(list) => (
          <section aria-labelledby="indicators-list-title">
            <h2 id="indicators-list-title" className="visually-hidden">
              {t('indicators.caption')}
            </h2>
            <p className="muted">{t('indicators.count', { count: list.total })}</p>
            {list.total === 0 ? (
              <p className="state state-empty">{t('indicators.empty')}</p>
            ) : (
              <IndicatorTable
                indicators={list.indicators}
                busy={query.isPlaceholderData}
                total={list.total}
                caption={t('indicators.caption')}
                sort={paging.sort}
                order={paging.order}
                onSort={paging.setOrder}
                exportName={exportFileName(
                  'indicators',
                  sector,
                  department,
                  status,
                  list.year,
                  list.asOf && `as-of-${list.asOf}`,
                  language,
                )}
                wholeExport={serverExport('indicators.csv', {
                  year: list.year,
                  asOf: list.asOf,
                  ...filters,
                  lang: language,
                })}
              />
            )}
            <Pager
              page={paging.page}
              limit={LIMIT}
              total={list.total}
              label={t('indicators.pages')}
              searchFor={paging.searchFor}
            />
          </section>
        )}
      </QueryState>
    </div>
  );
}

function DepartmentFilter({
  year,
  value,
  onChange,
}: {
  year: number;
  value: string;
  onChange: (code: string) => void;
}) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const id = useId();
  const departments = useQuery(trpc.departments.list.queryOptions({ year }));
  return (
    <div className="milestones-field">
      <label htmlFor={id}>{t('indicators.department')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('indicators.allDepartments')}</option>
        {(departments.data ?? []).map((department) => (
          <option key={department.code} value={department.code}>
            {department.name[language]}
          </option>
        ))}
        {value && !departments.data?.some((d) => d.code === value) && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}

function StatusFilter({ value, onChange }: { value: string; onChange: (status: string) => void }) {
  const { t } = useLanguage();
  const id = useId();
  return (
    <div className="milestones-field">
      <label htmlFor={id}>{t('indicators.status')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('indicators.allStatuses')}</option>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
