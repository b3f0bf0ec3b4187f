import { useTranslation } from 'react-i18next';
import { formatPeriod } from '../format/numbers';
import { useView } from '../view/useView';

/** The as-of month: every figure on screen is recomputed by the server as of its end. */
export function AsOfPicker() {
  const { t } = useTranslation();
  const { view, setAsOf } = useView();
  if (!view) return null;
  const months = Array.from({ length: 12 }, (_, i) => `${view.year}-${String(i + 1).padStart(2, '0')}`);
  return (
    <label className="as-of" title={t('view.asOfHint')}>
      <span>{t('view.asOf')}</span>
      <select value={view.asOf ?? ''} onChange={(event) => setAsOf(event.target.value)}>
        {view.asOf === undefined && <option value="" disabled />}
        {months.map((month) => (
          <option key={month} value={month}>
            {formatPeriod(month, t)}
          </option>
        ))}
      </select>
    </label>
  );
}
