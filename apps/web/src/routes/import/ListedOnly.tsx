import { useLanguage } from '../../format/language';

/** Says that a list holds only the first of many (the server lists at most 500 of each). */
export function ListedOnly({ shown, total }: { shown: number; total: number }) {
  const { t, language } = useLanguage();
  if (shown >= total) return null;
  const format = (n: number) => n.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-US');
  return (
    <p className="import-listed-only" data-shown={shown} data-total={total}>
      {t('import.listedOnly', { shown: format(shown), total: format(total) })}
    </p>
  );
}
