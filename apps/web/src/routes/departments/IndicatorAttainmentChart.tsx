import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { StatusBadge } from '../../components/StatusBadge';
import { useLanguage } from '../../format/language';
import { formatPercent, formatValue } from '../../format/numbers';
import type { IndicatorRow, Status } from '../../trpc';
import type { DepartmentSummary } from './types';

const ROW_HEIGHT = 34;
const FILL: Record<Status, string> = {
  on_track: '#1d6b35',
  at_risk: '#b7791f',
  off_track: '#b42318',
  no_data: '#8c959f',
};
const SYMBOL: Record<Status, string> = { on_track: '●', at_risk: '▲', off_track: '■', no_data: '○' };
const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'no_data'];

function shortName(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Targets against actuals to date, indicator by indicator, for one department or all of them. Units
 * differ, so the bars show the server's attainment; the tooltip and the table give actual and target
 * in their units.
 */
export default function IndicatorAttainmentChart({
  departments,
  indicators,
  total,
  chosen,
  onChoose,
}: {
  /** The departments to choose from. */
  departments: DepartmentSummary[];
  /** The chosen department's indicators (every department's when none is chosen), as many as drawn. */
  indicators: IndicatorRow[];
  /** How many indicators there are in all. */
  total: number;
  chosen: string;
  onChoose: (code: string) => void;
}) {
  const { t, language } = useLanguage();
  const selectId = useId();
  const data = indicators.map((indicator) => {
    const { attainment, status } = indicator.figures;
    return {
      code: indicator.code,
      name: `${indicator.code} ${shortName(indicator.name[language], language === 'ko' ? 16 : 34)}`,
      fullName: indicator.name[language],
      attainment: attainment === null ? 0 : Math.round(attainment * 1000) / 10,
      status,
      label: `${SYMBOL[status]} ${attainment === null ? t('status.no_data') : formatPercent(attainment, language)}`,
      actual: formatValue(indicator.figures.actualToDate, indicator.unit, language, t),
      target: formatValue(indicator.figures.targetToDate, indicator.unit, language, t),
    };
  });
  const highest = Math.max(100, ...data.map((d) => d.attainment));
  const top = Math.ceil(highest / 20) * 20 + (highest >= 100 ? 0 : 20);
  return (
    <figure className="chart departments-chart" aria-labelledby="indicator-attainment-title">
      <figcaption>
        <h2 id="indicator-attainment-title">{t('departments.indicatorChart.title')}</h2>
        <p className="chart-description">{t('departments.indicatorChart.description')}</p>
        {total > indicators.length && (
          <p className="muted">{t('departments.chartShownOf', { shown: indicators.length, total })}</p>
        )}
      </figcaption>
      <div className="departments-chart-controls">
        <label htmlFor={selectId}>{t('departments.indicatorChart.chooser')}</label>
        <select id={selectId} value={chosen} onChange={(event) => onChoose(event.target.value)}>
          <option value="">{t('departments.indicatorChart.allDepartments')}</option>
          {departments.map((department) => (
            <option key={department.code} value={department.code}>
              {department.name[language]}
            </option>
          ))}
        </select>
        <span className="departments-legend" aria-hidden="true">
          {STATUSES.map((status) => (
            <span key={status} className="departments-legend-item">
              <span className="departments-legend-swatch" style={{ background: FILL[status] }} />
              {SYMBOL[status]} {t(`status.${status}`)}
            </span>
          ))}
        </span>
        <span className="visually-hidden">{t('departments.indicatorChart.legend')}</span>
      </div>
      <div className="chart-canvas" data-chart="indicator-attainment">
        <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 80}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 32, right: 96, bottom: 28, left: 8 }}
            title={t('departments.indicatorChart.title')}
            desc={t('departments.indicatorChart.description')}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis
              type="number"
              domain={[0, top]}
              unit="%"
              label={{
                value: t('departments.indicatorChart.axisAttainment'),
                position: 'insideBottom',
                offset: -16,
              }}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={language === 'ko' ? 220 : 280}
              label={{
                value: t('departments.indicatorChart.axisIndicator'),
                position: 'top',
                offset: 12,
                fontSize: 12,
              }}
              tick={{ fontSize: 11 }}
              interval={0}
            />
            <Tooltip
              labelFormatter={(_label, payload) =>
                (payload?.[0]?.payload as { fullName?: string } | undefined)?.fullName ?? ''
              }
              formatter={(_value, _name, item) => {
                const row = item.payload as (typeof data)[number];
                return [
                  `${row.label} · ${t('departments.indicatorChart.tooltipActual', { actual: row.actual, target: row.target })}`,
                  t('table.attainment'),
                ];
              }}
            />
            <ReferenceLine
              x={100}
              stroke="#1b1f24"
              label={{ value: t('departments.indicatorChart.targetLine'), position: 'top', fontSize: 11 }}
            />
            <ReferenceLine x={95} stroke="#1d6b35" strokeDasharray="4 4" />
            {/* minPointSize keeps a stub for indicators without data, so their "no data" label shows. */}
            <Bar dataKey="attainment" isAnimationActive={false} barSize={14} minPointSize={3}>
              {data.map((row) => (
                <Cell key={row.code} fill={FILL[row.status]} />
              ))}
              <LabelList dataKey="label" position="right" fontSize={11} fill="#1b1f24" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="visually-hidden">
        <table>
          <caption>{t('departments.indicatorChart.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.indicator')}</th>
              <th scope="col">{t('table.owner')}</th>
              <th scope="col">{t('departments.indicatorChart.colActual')}</th>
              <th scope="col">{t('departments.indicatorChart.colTarget')}</th>
              <th scope="col">{t('table.attainment')}</th>
              <th scope="col">{t('table.status')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.code}>
                <th scope="row">
                  {indicator.code} {indicator.name[language]}
                </th>
                <td>{indicator.department.name[language]}</td>
                <td>{formatValue(indicator.figures.actualToDate, indicator.unit, language, t)}</td>
                <td>{formatValue(indicator.figures.targetToDate, indicator.unit, language, t)}</td>
                <td>{formatPercent(indicator.figures.attainment, language)}</td>
                <td>
                  <StatusBadge status={indicator.figures.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
