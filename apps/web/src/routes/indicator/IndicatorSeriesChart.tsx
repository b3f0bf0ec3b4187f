import type { TFunction } from 'i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type Language, useLanguage } from '../../format/language';
import { formatPeriod, formatValue, koreanLarge } from '../../format/numbers';
import type { IndicatorDetail } from './detail';
import { asOfPeriod, unitLabel } from './detail';

const COLOURS = {
  perPeriod: '#b9cde6',
  actual: '#1f5fa8',
  target: '#57606a',
  forecast: '#8a5a00',
  annualTarget: '#1d6b35',
  asOf: '#b42318',
};

/** A short tick for the period axis: "6월" / "Jun", "2분기" / "Q2". */
function periodTick(period: string, t: TFunction): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const monthName = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)),
    );
    return t('indicator.chart.tickMonth', { month: Number(month[2]), monthName });
  }
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return t('indicator.chart.tickQuarter', { quarter: quarter[1] });
  return formatPeriod(period, t);
}

/** An axis number without its unit (the axis label carries it): 2,000,000 → "200만" / "2M". */
function axisNumber(value: number, unit: string, language: Language): string {
  if (language === 'en') {
    return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  }
  if (unit === 'krw_100m' || unit === 'usd_million') {
    return new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 1 }).format(value);
  }
  return koreanLarge(value);
}

/**
 * The indicator's year as the server computed it: actual (with dots), the target path, the forecast
 * after the as-of period (dashed), the annual target and the as-of period as reference lines. Sums
 * also show each period's value as bars. The same figures are in the period table below the chart.
 */
export default function IndicatorSeriesChart({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator, series } = detail;
  const { unit, aggregation } = indicator;
  const isSum = aggregation === 'sum';
  const isMilestones = aggregation === 'milestones';
  const marker = asOfPeriod(series, detail.asOf);
  const markerIndex = series.findIndex((point) => point.period === marker);
  // The forecast line starts from the last actual so that it reads as its continuation (display only).
  const data = series.map((point, index) => ({
    ...point,
    forecastLine:
      point.forecast ??
      (index === markerIndex && series.some((p) => p.forecast !== null) ? point.actualToDate : null),
  }));
  const names = {
    perPeriod: t('indicator.chart.perPeriod'),
    actualToDate: t(
      isMilestones
        ? 'indicator.chart.actualToDateMilestones'
        : isSum
          ? 'indicator.chart.actualToDateSum'
          : 'indicator.chart.actualToDate',
    ),
    targetToDate: t(isMilestones ? 'indicator.chart.targetMilestones' : 'indicator.chart.target'),
    forecastLine: t('indicator.chart.forecast'),
  };
  const format = (value: number) => formatValue(value, unit, language, t);
  const rank = unit === 'rank';
  const title = t('indicator.chart.title');
  const description = [
    t('indicator.chart.description', { asOf: formatPeriod(detail.asOf, t) }),
    rank ? t('indicator.chart.descriptionRank') : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <figure className="chart indicator-chart" aria-labelledby="indicator-chart-title">
      <figcaption>
        <h2 id="indicator-chart-title">{title}</h2>
        <p className="chart-description">{description}</p>
      </figcaption>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={340} initialDimension={{ width: 900, height: 340 }}>
          <ComposedChart
            data={data}
            margin={{ top: 16, right: 24, bottom: 32, left: 24 }}
            title={title}
            desc={description}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="period"
              tickFormatter={(period: string) => periodTick(period, t)}
              label={{ value: t('indicator.chart.axisPeriod'), position: 'insideBottom', offset: -18 }}
            />
            <YAxis
              width={72}
              reversed={rank}
              domain={
                rank
                  ? [(low: number) => Math.max(1, Math.floor(low) - 2), (high: number) => Math.ceil(high) + 2]
                  : [0, 'auto']
              }
              allowDecimals={!rank}
              tickFormatter={(value: number) => axisNumber(value, unit, language)}
              label={{
                value: t('indicator.chart.axisUnit', { unit: unitLabel(unit, t) }),
                angle: -90,
                position: 'insideLeft',
                offset: -12,
                style: { textAnchor: 'middle' },
              }}
            />
            <Tooltip
              labelFormatter={(period) => formatPeriod(String(period), t)}
              formatter={(value, name) => [typeof value === 'number' ? format(value) : '–', name]}
            />
            <Legend
              verticalAlign="top"
              height={36}
              formatter={(value) => <span className="indicator-legend-text">{value}</span>}
            />
            {isSum && (
              <Bar
                dataKey="value"
                name={names.perPeriod}
                fill={COLOURS.perPeriod}
                isAnimationActive={false}
                maxBarSize={36}
              />
            )}
            <Line
              dataKey="targetToDate"
              name={names.targetToDate}
              stroke={COLOURS.target}
              strokeWidth={2}
              // A single period (annual indicators) draws no line, so its target shows as a dot.
              dot={series.length === 1 ? { r: 4, fill: COLOURS.target } : false}
              type="linear"
              isAnimationActive={false}
            />
            <Line
              dataKey="actualToDate"
              name={names.actualToDate}
              stroke={COLOURS.actual}
              strokeWidth={3}
              dot={{ r: 4, fill: COLOURS.actual }}
              type="linear"
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="forecastLine"
              name={names.forecastLine}
              stroke={COLOURS.forecast}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={{ r: 3, fill: '#fff', stroke: COLOURS.forecast }}
              type="linear"
              isAnimationActive={false}
            />
            <ReferenceLine
              y={indicator.annualTarget}
              stroke={COLOURS.annualTarget}
              strokeDasharray="2 3"
              ifOverflow="extendDomain"
              label={{
                value: `${t('indicator.chart.annualTarget')} ${format(indicator.annualTarget)}`,
                position: 'insideTopLeft',
                fill: COLOURS.annualTarget,
                fontSize: 12,
              }}
            />
            {marker && (
              <ReferenceLine
                x={marker}
                stroke={COLOURS.asOf}
                strokeDasharray="4 4"
                label={{
                  value: t('indicator.chart.asOf'),
                  position: 'insideTopRight',
                  fill: COLOURS.asOf,
                  fontSize: 12,
                }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
