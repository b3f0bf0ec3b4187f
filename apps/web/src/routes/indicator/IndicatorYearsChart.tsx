import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useLanguage } from '../../format/language';
import { formatValue } from '../../format/numbers';
import { unitLabel } from './detail';
import type { IndicatorYears } from './IndicatorYears';

const COLOURS = { measured: '#1f5fa8', baseline: '#9aa4b1', target: '#1d6b35' };

/**
 * Each year's actual as a bar (a baseline standing for a year in grey, never as a measured value)
 * and its target (the revised one where approved) as dots on a line. The table below holds the same.
 */
export default function IndicatorYearsChart({ series }: { series: IndicatorYears }) {
  const { t, language } = useLanguage();
  const data = series.years.map((row) => ({
    year: String(row.year),
    measured: row.kind === 'measured' ? row.actual : null,
    baseline: row.kind === 'baseline' ? row.actual : null,
    target: row.target ? (row.target.revised ?? row.target.original) : null,
  }));
  const format = (value: number) => formatValue(value, series.unit, language, t);
  const title = t('indicator.years.chartTitle');
  const rank = series.unit === 'rank';
  return (
    <figure className="chart indicator-years-chart" aria-labelledby="indicator-years-chart-title">
      <figcaption>
        <h3 id="indicator-years-chart-title">{title}</h3>
        <p className="chart-description">{t('indicator.years.chartDescription')}</p>
      </figcaption>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 900, height: 260 }}>
          <ComposedChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 24 }} title={title}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" />
            <YAxis
              width={80}
              reversed={rank}
              domain={rank ? ['auto', 'auto'] : [0, 'auto']}
              // The axis label carries the unit: ticks are bare numbers (300만, 3M).
              tickFormatter={(value: number) =>
                new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US', {
                  notation: 'compact',
                  maximumFractionDigits: 1,
                }).format(value)
              }
              label={{
                value: t('indicator.chart.axisUnit', { unit: unitLabel(series.unit, t) }),
                angle: -90,
                position: 'insideLeft',
                offset: -12,
                style: { textAnchor: 'middle' },
              }}
            />
            <Tooltip formatter={(value, name) => [typeof value === 'number' ? format(value) : '–', name]} />
            <Legend verticalAlign="top" height={32} />
            {/* A year has an actual or a baseline standing for it, never both: one stack, so its bar
                stands centred under the year's target dot rather than beside an empty slot. */}
            <Bar
              dataKey="measured"
              stackId="year"
              name={t('indicator.years.actual')}
              fill={COLOURS.measured}
              maxBarSize={48}
              isAnimationActive={false}
            />
            <Bar
              dataKey="baseline"
              stackId="year"
              name={t('indicator.years.baseline')}
              fill={COLOURS.baseline}
              maxBarSize={48}
              isAnimationActive={false}
            />
            <Line
              dataKey="target"
              name={t('indicator.years.target')}
              stroke={COLOURS.target}
              strokeWidth={2}
              dot={{ r: 5, fill: COLOURS.target }}
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
