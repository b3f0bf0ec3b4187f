import './directives.css';
import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';

/** The analysis and next steps approved with a value, as one small block beside the figure. */
export function Commentary({
  commentary,
}: {
  commentary: { period: string; analysis: string | null; nextSteps: string | null } | undefined;
}) {
  const { t } = useLanguage();
  if (!commentary) return null;
  return (
    <dl className="commentary" data-period={commentary.period}>
      <dt>
        {t('directives.commentary.analysis')}{' '}
        <span className="muted">
          ({t('directives.commentary.period', { period: formatPeriod(commentary.period, t) })})
        </span>
      </dt>
      <dd>{commentary.analysis ?? '–'}</dd>
      <dt>{t('directives.commentary.nextSteps')}</dt>
      <dd>{commentary.nextSteps ?? '–'}</dd>
    </dl>
  );
}
