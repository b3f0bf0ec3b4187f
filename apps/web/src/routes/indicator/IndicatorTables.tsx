import {
  type ExportColumn,
  ExportCsvButton,
  exportFileName,
  exportTable,
} from '../../components/ExportCsvButton';
import { formatDate, useLanguage } from '../../format/language';
import { formatPeriod, formatValue } from '../../format/numbers';
import type { DetailMilestone, DetailPoint, IndicatorDetail } from './detail';
import { asOfPeriod, unitLabel } from './detail';

type Measurement = IndicatorDetail['measurements'][number];

/** The CSV file name of one of the indicator's tables: `series-ECO-01-2024-as-of-2024-06-ko`. */
function fileName(table: string, detail: IndicatorDetail, language: string): string {
  return exportFileName(table, detail.indicator.code, detail.year, `as-of-${detail.asOf}`, language);
}

import { SourceText } from './SourceText';

/** The chart's series as a table: every period's reported value, actual-to-date, target path and forecast. */
export function SeriesTable({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator, series } = detail;
  const milestones = indicator.aggregation === 'milestones';
  const marker = asOfPeriod(series, detail.asOf);
  const show = (value: number | null) => formatValue(value, indicator.unit, language, t);
  // The CSV: periods as YYYY-MM / YYYY-Qn, values raw in the indicator's unit.
  const exportColumns: ExportColumn<DetailPoint>[] = [
    { header: t('indicator.series.period'), value: (p) => p.period },
    ...(milestones ? [] : [{ header: t('indicator.series.reported'), value: (p: DetailPoint) => p.value }]),
    {
      header: milestones ? t('indicator.chart.actualToDateMilestones') : t('indicator.series.actualToDate'),
      value: (p) => p.actualToDate,
    },
    {
      header: milestones ? t('indicator.chart.targetMilestones') : t('indicator.series.targetToDate'),
      value: (p) => p.targetToDate,
    },
    { header: t('indicator.series.forecast'), value: (p) => p.forecast },
    { header: t('export.unit'), value: () => unitLabel(indicator.unit, t) },
  ];
  return (
    <section aria-labelledby="indicator-series-title">
      <h2 id="indicator-series-title">{t('indicator.series.title')}</h2>
      <ExportCsvButton
        name={fileName('series', detail, language)}
        {...exportTable(exportColumns, series)}
        what={t('indicator.series.title')}
      />
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
  const exportColumns: ExportColumn<Measurement>[] = [
    { header: t('indicator.measurements.period'), value: (m) => m.period },
    { header: t('indicator.measurements.value'), value: (m) => m.value },
    { header: t('export.unit'), value: () => unitLabel(indicator.unit, t) },
    { header: t('indicator.measurements.note'), value: (m) => m.note },
    { header: t('directives.commentary.analysis'), value: (m) => m.analysis },
    { header: t('directives.commentary.nextSteps'), value: (m) => m.nextSteps },
    { header: t('indicator.measurements.source'), value: (m) => m.source },
    { header: t('indicator.measurements.enteredBy'), value: (m) => m.enteredBy },
    { header: t('indicator.measurements.enteredAt'), value: (m) => m.enteredAt.slice(0, 10) },
  ];
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
        <>
          <ExportCsvButton
            name={fileName('values', detail, language)}
            {...exportTable(exportColumns, measurements)}
            what={t('indicator.measurements.title')}
          />
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
        </>
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
  const exportColumns: ExportColumn<DetailMilestone>[] = [
    { header: t('export.code'), value: (m) => m.code },
    { header: t('indicator.milestones.name'), value: (m) => m.name[language] },
    { header: t('indicator.milestones.planned'), value: (m) => m.planned },
    { header: t('indicator.milestones.forecast'), value: (m) => m.forecast },
    { header: t('indicator.milestones.actual'), value: (m) => m.actual },
    { header: t('indicator.milestones.state'), value: (m) => t(`milestoneState.${m.state}`) },
    { header: t('indicator.milestones.slippage'), value: (m) => m.slippageDays },
    { header: t('indicator.milestones.weight'), value: (m) => m.weight },
    {
      header: t('indicator.milestones.note'),
      value: (m) => [m.note, m.source].filter(Boolean).join(' · ') || null,
    },
  ];
  return (
    <section aria-labelledby="indicator-milestones-title" data-section="milestones">
      <h2 id="indicator-milestones-title">{t('indicator.milestones.title')}</h2>
      {milestones.length === 0 ? (
        <p className="state state-empty">{t('indicator.milestones.empty')}</p>
      ) : (
        <>
          <ExportCsvButton
            name={fileName('milestones', detail, language)}
            {...exportTable(exportColumns, milestones)}
            what={t('indicator.milestones.title')}
          />
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
        </>
      )}
    </section>
  );
}
