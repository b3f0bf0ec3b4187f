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
import { formatPeriod, formatValue, koreanLarge } from '../../format/numbers';
import { type SectorIndicator, shortPeriod } from './useSector';

const ACTUAL = '#1f5fa8';
const TARGET = '#2f6f3e';
/** Units whose formatted value is short and says its unit (12.5%, 27위, 6조 원); others get plain ticks and a unit line. */
const SELF_DESCRIBING = new Set(['percent', 'rank', 'krw_100m', 'usd_million']);
const englishTick = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Small multiples, one per headline indicator: actual-to-date up to the as-of month, the target
 * path, the server's forecast after it (dashed), and the annual target as a reference line.
 */
export default function HeadlineCharts({ indicators }: { indicators: SectorIndicator[] }) {
  const { t } = useLanguage();
  return (
    <figure className="chart sector-headline-charts" aria-labelledby="sector-headlines-title">
      <figcaption>
        <h2 id="sector-headlines-title">{t('sector.charts.headlines.title')}</h2>
        <p className="chart-description">{t('sector.charts.headlines.description')}</p>
        <ul className="sector-legend" aria-hidden="true">
          <li>
            <LegendSwatch color={ACTUAL} width={3} />
            {t('sector.charts.headlines.actual')}
          </li>
          <li>
            <LegendSwatch color={TARGET} width={1.5} />
            {t('sector.charts.headlines.target')}
          </li>
          <li>
            <LegendSwatch color={ACTUAL} width={2} dashed />
            {t('sector.charts.headlines.forecast')}
          </li>
        </ul>
      </figcaption>
      {indicators.length === 0 ? (
        <p className="state state-empty">{t('sector.charts.headlines.empty')}</p>
      ) : (
        <div className="sector-multiples">
          {indicators.map((indicator) => (
            <HeadlineChart key={indicator.code} indicator={indicator} />
          ))}
        </div>
      )}
    </figure>
  );
}

function LegendSwatch({ color, width, dashed = false }: { color: string; width: number; dashed?: boolean }) {
  return (
    <svg width="28" height="10" className="sector-legend-swatch" aria-hidden="true">
      <line
        x1="0"
        y1="5"
        x2="28"
        y2="5"
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dashed ? '5 3' : undefined}
      />
    </svg>
  );
}

interface Point {
  period: string;
  label: string;
  actual: number | null;
  target: number;
  forecast: number | null;
  /** The forecast line starts from the last actual point, so the dashed line continues the solid one. */
  forecastLine: number | null;
}

function HeadlineChart({ indicator }: { indicator: SectorIndicator }) {
  const { t, language } = useLanguage();
  const { unit, series } = indicator;
  const lastActual = series.findLastIndex((point) => point.actualToDate !== null);
  const data: Point[] = series.map((point, index) => ({
    period: point.period,
    label: shortPeriod(point.period, t),
    actual: point.actualToDate,
    target: point.targetToDate,
    forecast: point.forecast,
    forecastLine:
      point.forecast ??
      (index === lastActual && series[index + 1]?.forecast != null ? point.actualToDate : null),
  }));
  const format = (value: number) => formatValue(value, unit, language, t);
  const described = SELF_DESCRIBING.has(unit);
  const tick = described
    ? format
    : (value: number) => (language === 'ko' ? koreanLarge(value) : englishTick.format(value));
  const name = indicator.name[language];
  return (
    <div className="sector-multiple" data-indicator={indicator.code}>
      <h3>
        <span className="code">{indicator.code}</span> {name}
      </h3>
      <p className="muted">
        {described
          ? ''
          : `${t('sector.charts.headlines.unit', { unit: t(`units.${unit}`, { defaultValue: unit }) })} · `}
        {t(`aggregation.${indicator.aggregation}`)} · {t(`direction.${indicator.direction}`)}
      </p>
      <div className="chart-canvas">
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={data} margin={{ top: 16, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis
              width={described ? 78 : 52}
              tick={{ fontSize: 11 }}
              tickFormatter={tick}
              allowDecimals={unit !== 'rank'}
              domain={indicator.aggregation === 'last' ? ['auto', 'auto'] : [0, 'auto']}
            />
            <Tooltip
              content={(props) => (
                <HeadlineTooltip active={props.active} payload={props.payload} unit={unit} />
              )}
            />
            <ReferenceLine
              y={indicator.annualTarget}
              stroke={TARGET}
              strokeDasharray="6 3"
              ifOverflow="extendDomain"
              label={{
                value: t('sector.charts.headlines.annualTarget', { value: format(indicator.annualTarget) }),
                position: 'insideTopLeft',
                fontSize: 11,
                fill: TARGET,
              }}
            />
            <Line
              dataKey="target"
              name={t('sector.charts.headlines.target')}
              stroke={TARGET}
              strokeWidth={1.5}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="forecastLine"
              name={t('sector.charts.headlines.forecast')}
              stroke={ACTUAL}
              strokeWidth={2}
              strokeDasharray="5 3"
              dot={{ r: 2 }}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="actual"
              name={t('sector.charts.headlines.actual')}
              stroke={ACTUAL}
              strokeWidth={3}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>{t('sector.charts.headlines.tableCaption', { indicator: name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sector.charts.headlines.colPeriod')}</th>
            <th scope="col">{t('sector.charts.headlines.actual')}</th>
            <th scope="col">{t('sector.charts.headlines.target')}</th>
            <th scope="col">{t('sector.charts.headlines.forecast')}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((point) => (
            <tr key={point.period}>
              <th scope="row">{formatPeriod(point.period, t)}</th>
              <td>{formatValue(point.actual, unit, language, t)}</td>
              <td>{formatValue(point.target, unit, language, t)}</td>
              <td>{formatValue(point.forecast, unit, language, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HeadlineTooltip({
  active,
  payload,
  unit,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  unit: string;
}) {
  const { t, language } = useLanguage();
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  const rows: [string, number | null][] = [
    [t('sector.charts.headlines.actual'), point.actual],
    [t('sector.charts.headlines.target'), point.target],
    [t('sector.charts.headlines.forecast'), point.forecast],
  ];
  return (
    <div className="sector-tooltip">
      <strong>{formatPeriod(point.period, t)}</strong>
      <dl>
        {rows
          .filter(([, value]) => value !== null)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{formatValue(value, unit, language, t)}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}
