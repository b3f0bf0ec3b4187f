import { formatDate, useLanguage } from '../../format/language';
import { formatPeriod, formatValue } from '../../format/numbers';
import type { DetailMilestone, IndicatorDetail } from './detail';
import { asOfPeriod } from './detail';
import { SourceText } from './SourceText';

/** The chart's series as a table: every period's reported value, actual-to-date, target path and forecast. */
export function SeriesTable({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator, series } = detail;
  const milestones = indicator.aggregation === 'milestones';
  const marker = asOfPeriod(series, detail.asOf);
  const show = (value: number | null) => formatValue(value, indicator.unit, language, t);
  return (
    <section aria-labelledby="indicator-series-title">
      <h2 id="indicator-series-title">{t('indicator.series.title')}</h2>
      <div className="table-scroll">
        <table className="data-table indicator-series">
          <caption className="visually-hidden">{t('indicator.series.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator.series.period')}</th>
              {!milestones && <th scope="col">{t('indicator.series.reported')}</th>}
              <th scope="col">
                {milestones
                  ? t('indicator.chart.actualToDateMilestones')
                  : t('indicator.series.actualToDate')}
              </th>
              <th scope="col">
                {milestones ? t('indicator.chart.targetMilestones') : t('indicator.series.targetToDate')}
              </th>
              <th scope="col">{t('indicator.series.forecast')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((point) => (
              <tr
                key={point.period}
                data-period={point.period}
                className={point.period === marker ? 'indicator-asof-row' : undefined}
              >
                <th scope="row">
                  {formatPeriod(point.period, t)}
                  {point.period === marker && (
                    <span className="indicator-asof-tag"> · {t('indicator.chart.asOf')}</span>
                  )}
                </th>
                {!milestones && <td className="num">{show(point.value)}</td>}
                <td className="num">{show(point.actualToDate)}</td>
                <td className="num">{show(point.targetToDate)}</td>
                <td className="num">{show(point.forecast)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Every reported value with the note, source and who entered it when. */
export function MeasurementsTable({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator } = detail;
  // A screen as of a month shows what was known then: values of later periods are left out.
  const measurements = detail.measurements.filter((m) => m.countedAsOf);
  const later = detail.measurements.length - measurements.length;
  return (
    <section aria-labelledby="indicator-measurements-title" data-section="measurements">
      <h2 id="indicator-measurements-title">{t('indicator.measurements.title')}</h2>
      {later > 0 && (
        <p className="muted indicator-later" data-later={later}>
          {t('indicator.measurements.later', { count: later })}
        </p>
      )}
      {measurements.length === 0 ? (
        <p className="state state-empty">{t('indicator.measurements.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table indicator-measurements">
            <caption className="visually-hidden">{t('indicator.measurements.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.measurements.period')}</th>
                <th scope="col">{t('indicator.measurements.value')}</th>
                <th scope="col">{t('indicator.measurements.note')}</th>
                <th scope="col">{t('indicator.measurements.source')}</th>
                <th scope="col">{t('indicator.measurements.enteredBy')}</th>
                <th scope="col">{t('indicator.measurements.enteredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {measurements.map((measurement) => (
                <tr key={measurement.period} data-period={measurement.period}>
                  <th scope="row">{formatPeriod(measurement.period, t)}</th>
                  <td className="num">{formatValue(measurement.value, indicator.unit, language, t)}</td>
                  <td>{measurement.note ?? '–'}</td>
                  <td className="indicator-source-cell">
                    <SourceText source={measurement.source} />
                  </td>
                  <td>{measurement.enteredBy}</td>
                  <td>{formatDate(measurement.enteredAt.slice(0, 10), language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Slippage({ milestone }: { milestone: DetailMilestone }) {
  const { t } = useLanguage();
  const days = milestone.slippageDays;
  if (days > 0) return <>{t('indicator.milestones.late', { count: days })}</>;
  if (days < 0) return <>{t('indicator.milestones.early', { count: -days })}</>;
  return <>{t('indicator.milestones.onTime')}</>;
}

/** The project's milestones as they stood at the as-of date: the dates, the state and the slippage. */
export function MilestonesTable({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { milestones } = detail;
  return (
    <section aria-labelledby="indicator-milestones-title" data-section="milestones">
      <h2 id="indicator-milestones-title">{t('indicator.milestones.title')}</h2>
      {milestones.length === 0 ? (
        <p className="state state-empty">{t('indicator.milestones.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table indicator-milestones">
            <caption className="visually-hidden">{t('indicator.milestones.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator.milestones.name')}</th>
                <th scope="col">{t('indicator.milestones.planned')}</th>
                <th scope="col">{t('indicator.milestones.forecast')}</th>
                <th scope="col">{t('indicator.milestones.actual')}</th>
                <th scope="col">{t('indicator.milestones.state')}</th>
                <th scope="col">{t('indicator.milestones.slippage')}</th>
                <th scope="col">{t('indicator.milestones.weight')}</th>
                <th scope="col">{t('indicator.milestones.note')}</th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((milestone) => (
                <tr key={milestone.code} data-milestone={milestone.code} data-state={milestone.state}>
                  <th scope="row">
                    <span className="code">{milestone.code}</span> {milestone.name[language]}
                  </th>
                  <td className="num">{formatDate(milestone.planned, language)}</td>
                  <td className="num">{formatDate(milestone.forecast, language)}</td>
                  <td className="num">{formatDate(milestone.actual, language)}</td>
                  <td>
                    <span className={`indicator-milestone-state indicator-milestone-${milestone.state}`}>
                      {t(`milestoneState.${milestone.state}`)}
                    </span>
                  </td>
                  <td className="num">
                    <Slippage milestone={milestone} />
                  </td>
                  <td className="num">
                    {new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US').format(milestone.weight)}
                  </td>
                  <td className="indicator-source-cell">
                    {milestone.note && <p className="indicator-milestone-note">{milestone.note}</p>}
                    <SourceText source={milestone.source} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
