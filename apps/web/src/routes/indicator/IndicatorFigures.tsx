import type { ReactNode } from 'react';
import { StatusBadge } from '../../components/StatusBadge';
import { ViewLink } from '../../components/ViewLink';
import { type Language, useLanguage } from '../../format/language';
import { formatPercent, formatPeriod, formatValue } from '../../format/numbers';
import type { DetailIndicator, IndicatorDetail } from './detail';
import { unitLabel } from './detail';
import { SourceText } from './SourceText';

type T = ReturnType<typeof useLanguage>['t'];

function inUnit(indicator: DetailIndicator, value: number | null, language: Language, t: T) {
  return formatValue(value, indicator.unit, language, t);
}

/** The four figures a reader looks for first: actual against target, attainment, forecast, annual target. */
export function KeyFigures({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator } = detail;
  const { figures, aggregation } = indicator;
  const show = (value: number | null) => inUnit(indicator, value, language, t);
  return (
    <section className="indicator-figures" aria-labelledby="indicator-figures-title">
      <h2 id="indicator-figures-title" className="visually-hidden">
        {t('indicator.figures.title')}
      </h2>
      <dl className="indicator-figure-grid">
        <div className="indicator-figure" data-figure="actual">
          <dt>{t(`indicator.figures.actual.${aggregation}`)}</dt>
          <dd>
            <strong>{show(figures.actualToDate)}</strong>
            <span className="muted">
              {t(`indicator.figures.target.${aggregation}`)} {show(figures.targetToDate)}
            </span>
          </dd>
        </div>
        <div className="indicator-figure" data-figure="attainment">
          <dt>{t('indicator.figures.attainment')}</dt>
          <dd>
            <strong>{formatPercent(figures.attainment, language)}</strong>
            <StatusBadge status={figures.status} />
          </dd>
        </div>
        <div className="indicator-figure" data-figure="forecast">
          <dt>{t('indicator.figures.forecast')}</dt>
          <dd>
            <strong>{show(figures.forecastYearEnd)}</strong>
            <span className="muted">
              {figures.forecastMeetsTarget === null ? (
                t('indicator.figures.noForecast')
              ) : figures.forecastMeetsTarget ? (
                <>
                  <span aria-hidden="true">✓ </span>
                  {t('indicator.figures.meets')}
                </>
              ) : (
                <>
                  <span aria-hidden="true">✗ </span>
                  {t('indicator.figures.misses')}
                </>
              )}
            </span>
          </dd>
        </div>
        <div className="indicator-figure" data-figure="annual-target">
          <dt>
            {t(
              aggregation === 'milestones'
                ? 'indicator.facts.annualTargetMilestones'
                : 'indicator.facts.annualTarget',
            )}
          </dt>
          <dd>
            <strong>{show(indicator.annualTarget)}</strong>
            <span className="muted">{t(`direction.${indicator.direction}`)}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The run rate the server computed, said in words for the indicator's kind and direction. */
function runRateSentence(detail: IndicatorDetail, language: Language, t: T): string | null {
  const { indicator, series } = detail;
  const { figures, aggregation, direction, frequency, unit } = indicator;
  if (aggregation === 'milestones') return null;
  const rate = figures.runRateNeeded;
  if (rate === null) return t('indicator.runRate.none');
  const target = inUnit(indicator, indicator.annualTarget, language, t);
  // The series runs over every period of the year, so what is left is the periods not yet due.
  const left = Math.max(0, series.length - figures.periodsDue);
  const remaining = t(`indicator.runRate.remaining.${frequency}`, { count: left });
  const each = t(`indicator.runRate.each.${frequency}`);
  const magnitude = Math.abs(rate);
  const rateText =
    unit === 'rank'
      ? t('indicator.runRate.rankSteps', { count: Number(magnitude.toFixed(1)) })
      : inUnit(indicator, magnitude, language, t);
  const words = { target, remaining, each, rate: rateText };
  switch (aggregation) {
    case 'sum':
      if (direction === 'increase') {
        return rate > 0
          ? t('indicator.runRate.sumIncrease', words)
          : t('indicator.runRate.sumIncreaseDone', words);
      }
      return rate > 0
        ? t('indicator.runRate.sumDecrease', words)
        : t('indicator.runRate.sumDecreaseSpent', words);
    case 'average':
      return direction === 'increase'
        ? t('indicator.runRate.averageIncrease', words)
        : t('indicator.runRate.averageDecrease', words);
    case 'last':
      if (direction === 'increase' && rate > 0) return t('indicator.runRate.levelUp', words);
      if (direction === 'decrease' && rate < 0) {
        return unit === 'rank'
          ? t('indicator.runRate.levelRankUp', words)
          : t('indicator.runRate.levelDown', words);
      }
      return t('indicator.runRate.levelReached', words);
  }
}

/** The figures as sentences: where the indicator stands, how it is measured, where it is heading, what is still needed. */
export function PlainWords({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator } = detail;
  const { figures } = indicator;
  const show = (value: number | null) => inUnit(indicator, value, language, t);
  const asOf = formatPeriod(detail.asOf, t);
  const target = show(indicator.annualTarget);
  const runRate = runRateSentence(detail, language, t);
  return (
    <section className="panel indicator-plain" aria-labelledby="indicator-plain-title">
      <h2 id="indicator-plain-title">{t('indicator.summary.title')}</h2>
      <ul>
        <li data-sentence="actual">
          {figures.actualToDate === null
            ? t('indicator.summary.noData', { asOf })
            : t('indicator.summary.actual', {
                asOf,
                actual: show(figures.actualToDate),
                target: show(figures.targetToDate),
                attainment: formatPercent(figures.attainment, language),
              })}{' '}
          {t(`indicator.summary.explain.${indicator.aggregation}`, {
            baseline: show(indicator.baseline?.value ?? null),
            target,
          })}
        </li>
        {indicator.aggregation !== 'milestones' && (
          <li data-sentence="reporting">
            {t('indicator.summary.reporting', {
              due: figures.periodsDue,
              reported: figures.periodsReported,
              last: formatPeriod(figures.lastPeriod, t),
            })}
          </li>
        )}
        {figures.forecastYearEnd !== null && (
          <li data-sentence="forecast">
            {t(
              figures.forecastMeetsTarget
                ? 'indicator.summary.forecastMeets'
                : 'indicator.summary.forecastMisses',
              {
                forecast: show(figures.forecastYearEnd),
                target,
              },
            )}
          </li>
        )}
        {runRate && (
          <li data-sentence="run-rate">
            <strong>{t('indicator.runRate.title')}: </strong>
            {runRate}
          </li>
        )}
      </ul>
    </section>
  );
}

/** How the indicator is defined: baseline, target, unit, direction, aggregation, thresholds, owner, source. */
export function Definition({ indicator }: { indicator: DetailIndicator }) {
  const { t, language } = useLanguage();
  const show = (value: number | null) => inUnit(indicator, value, language, t);
  const { thresholds } = indicator;
  const baseline = indicator.baseline
    ? indicator.baseline.year === null
      ? show(indicator.baseline.value)
      : t('indicator.facts.baselineValue', {
          value: show(indicator.baseline.value),
          year: indicator.baseline.year,
        })
    : t('indicator.facts.none');
  const rows: [string, string, ReactNode][] = [
    ['baseline', t('indicator.facts.baseline'), baseline],
    [
      'annual-target',
      t(
        indicator.aggregation === 'milestones'
          ? 'indicator.facts.annualTargetMilestones'
          : 'indicator.facts.annualTarget',
      ),
      show(indicator.annualTarget),
    ],
    ['unit', t('indicator.facts.unit'), unitLabel(indicator.unit, t)],
    ['direction', t('indicator.facts.direction'), t(`direction.${indicator.direction}`)],
    ['aggregation', t('indicator.facts.aggregation'), t(`aggregation.${indicator.aggregation}`)],
    ['frequency', t('indicator.facts.frequency'), t(`frequency.${indicator.frequency}`)],
    [
      'thresholds',
      t('indicator.facts.thresholds'),
      t('indicator.facts.thresholdsValue', {
        onTrack: t('status.on_track'),
        onTrackAt: formatPercent(thresholds.onTrack, language),
        atRisk: t('status.at_risk'),
        atRiskAt: formatPercent(thresholds.atRisk, language),
        offTrack: t('status.off_track'),
      }),
    ],
    [
      'weight',
      t('indicator.facts.weight'),
      new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-US').format(indicator.weight),
    ],
    [
      'owner',
      t('indicator.facts.owner'),
      <ViewLink key="owner" to={`/departments/${indicator.department.code}`}>
        {indicator.department.name[language]}
      </ViewLink>,
    ],
    ['source', t('indicator.facts.source'), <SourceText key="source" source={indicator.source} />],
  ];
  return (
    <section className="panel indicator-definition" aria-labelledby="indicator-definition-title">
      <h2 id="indicator-definition-title">{t('indicator.facts.title')}</h2>
      <dl className="indicator-facts">
        {rows.map(([key, label, value]) => (
          <div key={key} data-fact={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
