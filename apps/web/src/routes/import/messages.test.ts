/**
 * The import screen's counted phrases as i18next says them: one row and several rows in English,
 * and a sheet's rows counted as rows with content in Korean.
 */

import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { messages } from './messages';

async function translator(language: 'ko' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { [language]: { translation: { import: messages[language] } } },
    lng: language,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return i18n.t;
}

describe('import screen wording', () => {
  it('says one row and several rows in English', async () => {
    const t = await translator('en');
    expect(t('import.titleRows', { count: 1, rows: '1' })).toBe('Title row 1 is skipped.');
    expect(t('import.titleRows', { count: 2, rows: '1, 2' })).toBe('Title rows 1, 2 are skipped.');
    expect(t('import.totalRows', { count: 1, rows: '6' })).toBe('Total row 6 is not imported.');
    expect(t('import.hiddenRows', { count: 3, rows: '4, 5, 7' })).toBe(
      'Hidden rows 4, 5, 7 are skipped (not imported).',
    );
    expect(t('import.sheetOption', { name: '표지', count: 1 })).toBe('표지 (1 row with content)');
    expect(t('import.sheetOptionHidden', { name: 'Data', count: 12 })).toBe(
      'Data (12 rows with content, hidden sheet)',
    );
  });

  it('counts a sheet’s rows with content in Korean', async () => {
    const t = await translator('ko');
    expect(t('import.sheetOption', { name: '표지', count: 1 })).toBe('표지 (내용이 있는 행 1개)');
    expect(t('import.titleRows', { count: 1, rows: '1' })).toBe('제목 행 1은(는) 건너뜁니다.');
  });
});
