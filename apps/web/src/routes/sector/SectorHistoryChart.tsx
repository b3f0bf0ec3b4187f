import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useLanguage } from '../../format/language';
import { formatPercent, formatPeriod } from '../../format/numbers';
import { type SectorHistory, shortPeriod } from './useSector';

const ON_TRACK_LINE = 95;

/** The sector score at the end of each month up to the as-of month, against the 95 % on-track line. */
export default function SectorHistoryChart({ history }: { history: SectorHistory }) {
  const { t, language } = useLanguage();
  const data = history.months.map((month) => ({
    month: month.month,
    label: shortPeriod(month.month, t),
    // Display rounding of the server's score to one decimal of a percent.
    score: month.score === null ? null : Math.round(month.score * 1000) / 10,
  }));
  return (
    <figure className="chart sector-history-chart" aria-labelledby="sector-history-title">
      <figcaption>
        <h2 id="sector-history-title">{t('sector.charts.history.title')}</h2>
        <p className="chart-description">{t('sector.charts.history.description')}</p>
      </figcaption>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ top: 16, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 12 }}
              label={{ value: t('sector.charts.history.axisMonth'), position: 'insideBottom', offset: -14 }}
            />
            <YAxis
              domain={[0, 100]}
              unit="%"
              width={64}
              tick={{ fontSize: 12 }}
              label={{
                value: t('sector.charts.history.axisScore'),
                angle: -90,
                position: 'insideLeft',
                offset: 4,
                style: { textAnchor: 'middle' },
              }}
            />
            <Tooltip
              formatter={(value) => [`${value}%`, t('sector.charts.history.score')]}
              labelFormatter={(_, payload) => {
                const month = payload?.[0]?.payload?.month;
                return typeof month === 'string' ? formatPeriod(month, t) : '';
              }}
            />
            <ReferenceLine
              y={ON_TRACK_LINE}
              stroke="#2f6f3e"
              strokeDasharray="6 3"
              label={{
                value: t('sector.charts.history.onTrackLine'),
                position: 'insideBottomRight',
                fontSize: 11,
                fill: '#2f6f3e',
              }}
            />
            <Line
              dataKey="score"
              name={t('sector.charts.history.score')}
              stroke="#1f5fa8"
              strokeWidth={2.5}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('sector.charts.history.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sector.charts.history.colMonth')}</th>
            <th scope="col">{t('sector.charts.history.colScore')}</th>
          </tr>
        </thead>
        <tbody>
          {history.months.map((month) => (
            <tr key={month.month}>
              <th scope="row">{formatPeriod(month.month, t)}</th>
              <td>{formatPercent(month.score, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
