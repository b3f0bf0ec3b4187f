import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import type { ImportPreview } from './importRequest';

/**
 * Cells left blank or holding a placeholder (`-`, `해당없음`): nothing was reported there and
 * nothing will be written. Listed so the person sees what the file leaves open, never as errors.
 */
export function NotReportedList({
  items,
  names,
}: {
  items: ImportPreview['notReported'];
  names: ImportPreview['names'];
}) {
  const { t, language } = useLanguage();
  return (
    <details className="import-not-reported">
      <summary>{t('import.notReportedTitle', { count: items.length })}</summary>
      <p className="muted">{t('import.notReportedIntro')}</p>
      <ul>
        {items.map((item) => (
          <li key={item.position} data-position={item.position} data-code={item.code ?? ''}>
            {t('import.notReportedItem', {
              position: item.position,
              indicator: (item.code && names[item.code]?.[language]) ?? item.code ?? '–',
              period: item.period ? formatPeriod(item.period, t) : item.column,
            })}
            {item.placeholder && <> {t('import.placeholder', { text: item.placeholder })}</>}
          </li>
        ))}
      </ul>
    </details>
  );
}
