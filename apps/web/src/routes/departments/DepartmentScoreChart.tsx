import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useLanguage } from '../../format/language';
import { formatPercent } from '../../format/numbers';
import type { DepartmentSummary } from './types';

const ROW_HEIGHT = 30;

/** Department scores as horizontal bars against the 95 % on-track line, best first, with a table for screen readers. */
export default function DepartmentScoreChart({ departments }: { departments: DepartmentSummary[] }) {
  const { t, language } = useLanguage();
  const ranked = [...departments].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  // Rounded for drawing only; the label shows the server's figure formatted.
  const data = ranked.map((department) => ({
    name: department.name[language],
    score: department.score === null ? 0 : Math.round(department.score * 1000) / 10,
    label: department.score === null ? t('departments.noScore') : formatPercent(department.score, language),
  }));
  return (
    <figure className="chart departments-chart" aria-labelledby="department-score-title">
      <figcaption>
        <h2 id="department-score-title">{t('departments.scoreChart.title')}</h2>
        <p className="chart-description">{t('departments.scoreChart.description')}</p>
      </figcaption>
      <div className="chart-canvas" data-chart="department-score">
        <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 70}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 32, right: 72, bottom: 28, left: 8 }}
            title={t('departments.scoreChart.title')}
            desc={t('departments.scoreChart.description')}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis
              type="number"
              domain={[0, 100]}
              unit="%"
              label={{ value: t('departments.scoreChart.axisScore'), position: 'insideBottom', offset: -16 }}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={language === 'ko' ? 150 : 260}
              tick={{ fontSize: 12 }}
              interval={0}
              label={{
                value: t('departments.scoreChart.axisDepartment'),
                position: 'top',
                offset: 12,
                fontSize: 12,
              }}
            />
            <Tooltip
              formatter={(_value, _name, item) => [
                (item.payload as { label: string }).label,
                t('departments.scoreChart.axisScore'),
              ]}
            />
            <ReferenceLine
              x={95}
              stroke="#1d6b35"
              strokeDasharray="4 4"
              label={{ value: t('departments.scoreChart.onTrackLine'), position: 'top', fontSize: 11 }}
            />
            <Bar dataKey="score" fill="#1f5fa8" isAnimationActive={false} barSize={16} minPointSize={3}>
              <LabelList dataKey="label" position="right" fontSize={12} fill="#1b1f24" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="visually-hidden">
        <table>
          <caption>{t('departments.scoreChart.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('departments.colDepartment')}</th>
              <th scope="col">{t('departments.colScore')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((department) => (
              <tr key={department.code}>
                <th scope="row">{department.name[language]}</th>
                <td>
                  {department.score === null
                    ? t('departments.noScore')
                    : formatPercent(department.score, language)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
