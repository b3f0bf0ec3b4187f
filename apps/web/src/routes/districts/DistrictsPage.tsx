import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod, formatValue } from '../../format/numbers';
import { type RouterOutputs, type Status, useTRPC } from '../../trpc';
import { useView, type View } from '../../view/useView';

type Comparison = RouterOutputs['districts']['comparison'];
const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

/**
 * A metropolitan city's districts side by side (for its executives and administrators): each
 * district's plan with its attainment and status counts, then the indicators they share.
 */
export default function DistrictsPage() {
  const { view, yearsQuery } = useView();
  const { t } = useLanguage();
  if (!view) {
    return (
      <QueryState query={yearsQuery} isEmpty={(data) => data.latest === null}>
        {() => <p className="state">{t('state.loading')}</p>}
      </QueryState>
    );
  }
  return <DistrictsContent view={view} />;
}

function DistrictsContent({ view }: { view: View }) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const query = useQuery(trpc.districts.comparison.queryOptions(view));
  return (
    <div className="districts">
      <PageHeader
        asOf={t('districts.asOfDate', { date: formatPeriod(query.data?.asOf ?? view.asOf ?? null, t) })}
        title={t('districts.title')}
        intro={t('districts.intro', { city: query.data?.organisation.name[language] ?? '' })}
      />
      <QueryState query={query}>
        {(comparison) => (
          <>
            <DistrictTable comparison={comparison} />
            <SharedTable comparison={comparison} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function DistrictTable({ comparison }: { comparison: Comparison }) {
  const { t, language } = useLanguage();
  if (comparison.districts.length === 0) return <p className="state">{t('districts.noDistricts')}</p>;
  return (
    <table className="data-table">
      <caption>{t('districts.districtsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('districts.colDistrict')}</th>
          <th scope="col">{t('districts.colPlan')}</th>
          <th scope="col">{t('districts.colScore')}</th>
          {STATUSES.map((status) => (
            <th scope="col" key={status}>
              {t(`status.${status}`)}
            </th>
          ))}
          <th scope="col">{t('districts.colIndicators')}</th>
        </tr>
      </thead>
      <tbody>
        {comparison.districts.map((district) => (
          <tr key={district.code} data-district={district.code}>
            <th scope="row">{district.name[language]}</th>
            <td>{district.plan[language]}</td>
            <td className="num">
              {district.score === null ? t('districts.noScore') : formatPercent(district.score, language)}
            </td>
            {STATUSES.map((status) => (
              <td className="num" key={status}>
                {district.statusCounts[status]}
              </td>
            ))}
            <td className="num">{district.indicatorCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SharedTable({ comparison }: { comparison: Comparison }) {
  const { t, language } = useLanguage();
  return (
    <section aria-labelledby="districts-shared">
      <h2 id="districts-shared">{t('districts.sharedTitle')}</h2>
      <p className="muted">{t('districts.sharedIntro')}</p>
      {comparison.shared.length === 0 ? (
        <p className="state">{t('districts.noShared')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('districts.sharedCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('districts.colIndicator')}</th>
              {comparison.districts.map((district) => (
                <th scope="col" key={district.code}>
                  {district.name[language]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.shared.map((indicator) => (
              <tr key={indicator.code} data-indicator={indicator.code}>
                <th scope="row">
                  {indicator.code} {indicator.name[language]}
                </th>
                {comparison.districts.map((district) => {
                  const figures = indicator.districts[district.code];
                  if (!figures) return <td key={district.code}>{t('districts.notInPlan')}</td>;
                  return (
                    <td key={district.code}>
                      <span className="num">
                        {t('districts.actualOfTarget', {
                          actual: formatValue(figures.actualToDate, indicator.unit, language, t),
                          target: formatValue(figures.targetToDate, indicator.unit, language, t),
                        })}
                      </span>{' '}
                      <span className="num">{formatPercent(figures.attainment, language)}</span>{' '}
                      <StatusBadge status={figures.status} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
