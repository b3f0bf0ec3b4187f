import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Status } from '../../trpc';

const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];
/** The status colours of styles.css; every bar is also labelled with its status and count. */
const COLOUR: Record<Status, string> = {
  on_track: '#1d6b35',
  at_risk: '#8a5a00',
  off_track: '#b42318',
  no_data: '#57606a',
};

/** How many of the sector's indicators are in each status, as labelled bars. */
export default function StatusDistributionChart({ counts }: { counts: Record<Status, number> }) {
  const { t } = useTranslation();
  const data = STATUSES.map((status) => ({ status, label: t(`status.${status}`), count: counts[status] }));
  return (
    <figure className="chart sector-distribution-chart" aria-labelledby="sector-distribution-title">
      <figcaption>
        <h2 id="sector-distribution-title">{t('sector.charts.distribution.title')}</h2>
        <p className="chart-description">{t('sector.charts.distribution.description')}</p>
      </figcaption>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 20, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fontSize: 12 }}
              label={{
                value: t('sector.charts.distribution.axisStatus'),
                position: 'insideBottom',
                offset: -14,
              }}
            />
            <YAxis
              allowDecimals={false}
              width={64}
              tick={{ fontSize: 12 }}
              label={{
                value: t('sector.charts.distribution.axisCount'),
                angle: -90,
                position: 'insideLeft',
                offset: 4,
                style: { textAnchor: 'middle' },
              }}
            />
            <Tooltip formatter={(value) => [value, t('sector.charts.distribution.count')]} />
            <Bar dataKey="count" name={t('sector.charts.distribution.count')} isAnimationActive={false}>
              {data.map((entry) => (
                <Cell key={entry.status} fill={COLOUR[entry.status]} />
              ))}
              <LabelList dataKey="count" position="top" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('sector.charts.distribution.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sector.charts.distribution.colStatus')}</th>
            <th scope="col">{t('sector.charts.distribution.colCount')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((entry) => (
            <tr key={entry.status}>
              <th scope="row">{entry.label}</th>
              <td>{entry.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
