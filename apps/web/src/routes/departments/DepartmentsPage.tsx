import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { exportFileName } from '../../components/ExportCsvButton';
import { serverExport } from '../../components/ListExport';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { type DepartmentSort, useTRPC } from '../../trpc';
import { useListFilter, usePaging } from '../../view/usePaging';
import { useView, type View } from '../../view/useView';
import { SectorSelect } from '../milestones/SectorSelect';
import { useFilterParam } from '../milestones/useFilterParam';
import { ComparisonTable } from './ComparisonTable';
import type { DepartmentSummary } from './types';
import './departments.css';
import { PageHeader } from '../../components/PageHeader';

const DepartmentScoreChart = lazy(() => import('./DepartmentScoreChart'));
const IndicatorAttainmentChart = lazy(() => import('./IndicatorAttainmentChart'));

/** Bars the indicator chart draws at most: the lowest in attainment first. */
const CHART_LIMIT = 100;

/**
 * Departments side by side, a page at a time: the table, scores against the 95 % line, and each
 * indicator's attainment for one department or all of them.
 */
export default function DepartmentsPage() {
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <DepartmentsContent view={view} />;
}

const LIMIT = 50;
const SORTS: DepartmentSort[] = [
  'code',
  'name',
  'score',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
  'indicators',
  'unreported',
  'lastPeriod',
];

function DepartmentsContent({ view }: { view: View }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const [sector, setSector] = useListFilter('sector');
  const [chosen, setChosen] = useFilterParam('department');
  const paging = usePaging<DepartmentSort>({ sorts: SORTS, defaultSort: 'code' });
  const query = useQuery(
    trpc.departments.comparison.queryOptions(
      {
        ...view,
        ...(sector ? { sector } : {}),
        sort: paging.sort,
        order: paging.order,
        lang: language,
        page: paging.page,
        limit: LIMIT,
      },
      { placeholderData: (previous) => previous },
    ),
  );
  return (
    <div className="departments">
      <PageHeader
        asOf={t('departments.asOfDate', { date: formatPeriod(query.data?.asOf ?? view.asOf ?? null, t) })}
        title={t('departments.title')}
        intro={t('departments.intro')}
      >
        <SectorSelect
          year={view.year}
          value={sector}
          onChange={setSector}
          label={t('departments.sector')}
          allLabel={t('departments.allSectors')}
        />
      </PageHeader>
      <QueryState query={query} isEmpty={(data) => data.total === 0}>
        {(comparison) => (
          <>
            <p className="muted">{t('departments.departmentCount', { count: comparison.total })}</p>
            <ComparisonTable
              departments={comparison.departments}
              busy={query.isPlaceholderData}
              total={comparison.total}
              caption={t('departments.tableCaption')}
              sort={paging.sort}
              order={paging.order}
              onSort={paging.setOrder}
              exportName={exportFileName(
                'departments',
                sector,
                view.year,
                comparison.asOf && `as-of-${comparison.asOf}`,
                language,
              )}
              wholeExport={serverExport('departments.csv', {
                year: comparison.year,
                asOf: comparison.asOf,
                sector,
                lang: language,
              })}
            />
            <Pager
              page={paging.page}
              limit={LIMIT}
              total={comparison.total}
              label={t('departments.pages')}
              searchFor={paging.searchFor}
            />
            <Suspense fallback={<p className="state">{t('state.loading')}</p>}>
              <DepartmentScoreChart departments={comparison.departments} />
              <AttainmentByIndicator
                view={view}
                sector={sector}
                departments={comparison.departments}
                chosen={comparison.departments.some((d) => d.code === chosen) ? chosen : ''}
                onChoose={setChosen}
              />
            </Suspense>
          </>
        )}
      </QueryState>
    </div>
  );
}

/** The chosen department's indicators (or every department's), lowest attainment first, for the chart. */
function AttainmentByIndicator({
  view,
  sector,
  departments,
  chosen,
  onChoose,
}: {
  view: View;
  sector: string;
  departments: DepartmentSummary[];
  chosen: string;
  onChoose: (code: string) => void;
}) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.indicators.list.queryOptions(
      {
        ...view,
        ...(sector ? { sector } : {}),
        ...(chosen ? { department: chosen } : {}),
        sort: 'attainment',
        limit: CHART_LIMIT,
      },
      { placeholderData: (previous) => previous },
    ),
  );
  return (
    <QueryState query={query}>
      {(list) => (
        <IndicatorAttainmentChart
          departments={departments}
          indicators={list.indicators}
          total={list.total}
          chosen={chosen}
          onChoose={onChoose}
        />
      )}
    </QueryState>
  );
}
