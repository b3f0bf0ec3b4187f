/**
 * Which language a screen opens in: the reader's own choice when they made one here, else the first
 * of the browser's preferred languages that Tangible speaks, else Korean (the city's working
 * language). An English browser meets English on its first visit, sign-in included.
 */

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const spoken = (tag: string): Language | null => {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary) ?? null;
};

export function openingLanguage(stored: string | null | undefined, preferred: readonly string[]): Language {
  const chosen = stored ? spoken(stored) : null;
  if (chosen && chosen === stored) return chosen;
  for (const tag of preferred) {
    const language = spoken(tag);
    if (language) return language;
  }
  return 'ko';
}
