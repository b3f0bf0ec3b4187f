import { useLanguage } from '../../format/language';
import { formatPeriod } from '../../format/numbers';
import type { ImportPreview } from './importRequest';
import { ListedOnly } from './ListedOnly';

/**
 * Cells left blank or holding a placeholder (`-`, `해당없음`): nothing was reported there and
 * nothing will be written. Listed so the person sees what the file leaves open, never as errors.
 */
export function NotReportedList({
  items,
  names,
  total,
}: {
  items: ImportPreview['notReported'];
  names: ImportPreview['names'];
  /** How many cells in all: the list holds at most the first 500. */
  total: number;
}) {
  const { t, language } = useLanguage();
  return (
    <details className="import-not-reported">
      <summary>{t('import.notReportedTitle', { count: total })}</summary>
      <p className="muted">{t('import.notReportedIntro')}</p>
      <ListedOnly shown={items.length} total={total} />
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
