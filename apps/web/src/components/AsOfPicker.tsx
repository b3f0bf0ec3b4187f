import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../format/numbers';
import { useView } from '../view/useView';

/**
 * The plan year (when there is more than one) and the as-of month: every figure on screen is
 * recomputed by the server as of the month's end. A year without a month chosen is read at its
 * latest reported month (said in the empty choice).
 */
export function AsOfPicker() {
  const { t } = useTranslation();
  const { view, years, setAsOf, setYear } = useView();
  if (!view) return null;
  const months = Array.from({ length: 12 }, (_, i) => `${view.year}-${String(i + 1).padStart(2, '0')}`);
  return (
    <>
      {years.length > 1 && (
        <label className="plan-year">
          <span>{t('view.planYear')}</span>
          <select value={view.year} onChange={(event) => setYear(Number(event.target.value))}>
            {years.map((year) => (
              <option key={year} value={year}>
                {t('view.yearOption', { year })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="as-of" title={t('view.asOfHint')}>
        <span>{t('view.asOf')}</span>
        <select value={view.asOf ?? ''} onChange={(event) => setAsOf(event.target.value)}>
          {view.asOf === undefined && (
            <option value="" disabled>
              {t('view.latestMonth')}
            </option>
          )}
          {months.map((month) => (
            <option key={month} value={month}>
              {formatPeriod(month, t)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
