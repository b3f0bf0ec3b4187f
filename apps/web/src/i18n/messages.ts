/**
 * Each screen keeps its strings beside it (`routes/<screen>/messages.ts`) under its own key, in
 * Korean and English with the same shape; i18n/index.ts merges them with the common strings.
 */

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

export function defineMessages<T extends Record<string, unknown>>(messages: { ko: T; en: Widen<T> }) {
  return messages;
}
