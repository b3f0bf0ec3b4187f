import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '../format/numbers';
import type { Overview } from '../trpc';

/** Sector scores as horizontal bars against the 95 % on-track line, with the same figures as a table for screen readers. */
export default function SectorScoreChart({ sectors }: { sectors: Overview['sectors'] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'ko';
  // A sector without a score draws no bar but says so: an empty row read as 0 %.
  const data = sectors.map((sector) => {
    const score = sector.score === null ? null : Math.round(sector.score * 1000) / 10;
    return {
      name: sector.name[language],
      score: score ?? 0,
      label: score === null ? t('overview.noScore') : `${score}%`,
    };
  });
  return (
    <figure className="chart" aria-labelledby="sector-score-title">
      <figcaption>
        <h2 id="sector-score-title">{t('chart.sectorScores.title')}</h2>
        <p className="chart-description">{t('chart.sectorScores.description')}</p>
      </figcaption>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 8, right: 8, bottom: 24, left: 8 }}
            title={t('chart.sectorScores.title')}
            desc={t('chart.sectorScores.description')}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis
              type="number"
              domain={[0, 100]}
              unit="%"
              label={{ value: t('chart.sectorScores.axisScore'), position: 'insideBottom', offset: -12 }}
            />
            <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
            {/* Each row's figure at its right end, a bar or none (Recharts draws no label on an empty bar). */}
            <YAxis
              yAxisId="figure"
              orientation="right"
              type="category"
              dataKey="label"
              width={72}
              axisLine={false}
              tickLine={false}
              tick={{ fontSize: 12 }}
            />
            <Tooltip
              formatter={(_value, _name, item) => [
                (item.payload as { label: string }).label,
                t('chart.sectorScores.colScore'),
              ]}
            />
            <ReferenceLine x={95} stroke="#2f6f3e" strokeDasharray="4 4" />
            <Bar dataKey="score" fill="#1f5fa8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('chart.sectorScores.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.sectorScores.colSector')}</th>
            <th scope="col">{t('chart.sectorScores.colScore')}</th>
          </tr>
        </thead>
        <tbody>
          {sectors.map((sector) => (
            <tr key={sector.code}>
              <th scope="row">{sector.name[language]}</th>
              <td>{formatPercent(sector.score, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
