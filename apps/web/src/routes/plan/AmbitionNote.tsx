import { useQuery } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { useLanguage } from '../../format/language';
import { formatPercent, formatValue } from '../../format/numbers';
import { type RouterOutputs, useTRPC } from '../../trpc';

export type AmbitionLabel = RouterOutputs['years']['ambition']['label'];

/** A stretch as a signed percentage: +12.5% asks for more than the reference, −4% for less. */
export function signedPercent(fraction: number | null, language: 'ko' | 'en'): string {
  if (fraction === null) return '–';
  return `${fraction > 0 ? '+' : ''}${formatPercent(fraction, language)}`;
}

/**
 * The ambition check of the target being typed (the server judges it with core's rule): its label,
 * the trend's projection for the year and the stretch over it and over the baseline.
 */
export function AmbitionNote({
  year,
  code,
  target,
  unit,
}: {
  year: number;
  code: string;
  target: string;
  unit: string;
}) {
  const trpc = useTRPC();
  const { t, language } = useLanguage();
  const typed = useDeferredValue(target.trim() === '' ? Number.NaN : Number(target));
  const query = useQuery({
    ...trpc.years.ambition.queryOptions({ year, code, target: typed }),
    enabled: code !== '' && Number.isFinite(typed),
  });
  if (!query.data) return null;
  const judged = query.data;
  return (
    <p
      className={`plan-ambition plan-ambition-${judged.label}`}
      aria-live="polite"
      data-ambition={judged.label}
    >
      <strong>{t(`plan.ambition.label.${judged.label}`)}</strong>{' '}
      {judged.label === 'no_trend'
        ? t('plan.ambition.noTrend')
        : t('plan.ambition.detail', {
            projection: formatValue(judged.projection, unit, language, t),
            overTrend: signedPercent(judged.stretchOverTrend, language),
            overBaseline: signedPercent(
              'stretchOverBaseline' in judged ? judged.stretchOverBaseline : null,
              language,
            ),
          })}
    </p>
  );
}
