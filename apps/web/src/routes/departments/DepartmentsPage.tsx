import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { exportFileName } from '../../components/ExportCsvButton';
import { QueryState } from '../../components/QueryState';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import { useTRPC } from '../../trpc';
import { useView, type View } from '../../view/useView';
import { SectorSelect } from '../milestones/SectorSelect';
import { useFilterParam } from '../milestones/useFilterParam';
import { ComparisonTable } from './ComparisonTable';
import './departments.css';

const DepartmentScoreChart = lazy(() => import('./DepartmentScoreChart'));
const IndicatorAttainmentChart = lazy(() => import('./IndicatorAttainmentChart'));

/** Every department side by side: the table, scores against the 95 % line, and each indicator's attainment. */
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

function DepartmentsContent({ view }: { view: View }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const [sector, setSector] = useFilterParam('sector');
  const [chosen, setChosen] = useFilterParam('department');
  const query = useQuery(
    trpc.departments.comparison.queryOptions(
      { ...view, ...(sector ? { sector } : {}) },
      { placeholderData: (previous) => previous },
    ),
  );
  return (
    <div className="departments">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            {t('departments.asOfDate', { date: formatPeriod(query.data?.asOf ?? view.asOf ?? null, t) })}
          </p>
          <h1>{t('departments.title')}</h1>
          <p className="muted">{t('departments.intro')}</p>
        </div>
        <SectorSelect
          year={view.year}
          value={sector}
          onChange={setSector}
          label={t('departments.sector')}
          allLabel={t('departments.allSectors')}
        />
      </header>
      <QueryState query={query} isEmpty={(data) => data.departments.length === 0}>
        {(comparison) => (
          <>
            <p className="muted">
              {t('departments.departmentCount', { count: comparison.departments.length })}
            </p>
            <ComparisonTable
              departments={comparison.departments}
              caption={t('departments.tableCaption')}
              exportName={exportFileName(
                'departments',
                sector,
                view.year,
                comparison.asOf && `as-of-${comparison.asOf}`,
                language,
              )}
            />
            <Suspense fallback={<p className="state">{t('state.loading')}</p>}>
              <DepartmentScoreChart departments={comparison.departments} />
              <IndicatorAttainmentChart
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
