import { useLanguage } from '../../format/language';
import { formatMoment } from '../../format/moments';
import { formatPeriod, formatValue } from '../../format/numbers';
import type { IndicatorDetail } from './detail';

/**
 * The indicator's approved target revisions: each original target beside its revision, when and
 * why it was revised. The figures above are computed against the revised target.
 */
export function RevisedTargets({ detail }: { detail: IndicatorDetail }) {
  const { t, language } = useLanguage();
  const { indicator, revisions } = detail;
  if (revisions.length === 0) return null;
  const show = (value: number) => formatValue(value, indicator.unit, language, t);
  return (
    <section className="indicator-revisions" aria-labelledby="indicator-revisions-title">
      <h2 id="indicator-revisions-title">{t('indicator.revisions.title')}</h2>
      <p className="muted">{t('indicator.revisions.intro')}</p>
      <table className="indicator-table">
        <thead>
          <tr>
            <th scope="col">{t('indicator.revisions.period')}</th>
            <th scope="col" className="num">
              {t('indicator.revisions.original')}
            </th>
            <th scope="col" className="num">
              {t('indicator.revisions.revised')}
            </th>
            <th scope="col">{t('indicator.revisions.revisedAt')}</th>
            <th scope="col">{t('indicator.revisions.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision) => (
            <tr key={`${revision.period}-${revision.revisedAt}`} data-period={revision.period}>
              <th scope="row">
                {revision.kind === 'annual'
                  ? t('indicator.revisions.annual', { period: revision.period })
                  : formatPeriod(revision.period, t)}
              </th>
              <td className="num" data-target="original">
                {show(revision.original)}
              </td>
              <td className="num" data-target="revised">
                {show(revision.revised)}
              </td>
              <td>{formatMoment(revision.revisedAt, language)}</td>
              <td>{revision.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
