/**
 * What the reader sees when the server refuses an account change. The server words its refusals in
 * English (they are also what `pnpm cli` prints); the Korean view says the same in Korean for the
 * refusals it knows, and quotes the server for any other.
 */

import type { TFunction } from 'i18next';
import type { Language } from '../../format/language';

interface RefusedRequest {
  message: string;
  data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | null;
}

/** The form labels of the fields the server may name, as i18n keys. */
const FIELD_LABELS: Record<string, string> = {
  username: 'account.users.username',
  displayName: 'account.users.displayName',
  role: 'account.users.role',
  department: 'account.users.department',
  password: 'account.users.password',
  name: 'account.tokens.name',
};

const KNOWN: { pattern: RegExp; key: string; values?: (match: RegExpExecArray) => Record<string, string> }[] =
  [
    {
      pattern: /at least (\d+) characters/,
      key: 'account.errors.passwordLength',
      values: (m) => ({ count: m[1] ?? '' }),
    },
    {
      pattern: /username "([^"]*)" is taken/,
      key: 'account.errors.usernameTaken',
      values: (m) => ({ username: m[1] ?? '' }),
    },
    { pattern: /A username has/, key: 'account.errors.usernameFormat' },
    { pattern: /bureau head needs a department/, key: 'account.errors.needsDepartment' },
    { pattern: /Only a bureau head belongs/, key: 'account.errors.onlyBureauHead' },
    { pattern: /cannot change your own role/, key: 'account.errors.ownAccount' },
  ];

export function refusalText(error: RefusedRequest, t: TFunction, language: Language): string {
  const fields = Object.entries(error.data?.zodError?.fieldErrors ?? {})
    .filter(([, problems]) => problems && problems.length > 0)
    .map(([field]) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field));
  if (fields.length > 0) return t('account.errors.field', { fields: fields.join(', ') });
  if (language === 'en') return error.message;
  for (const known of KNOWN) {
    const match = known.pattern.exec(error.message);
    if (match) return t(known.key, known.values?.(match) ?? {});
  }
  return t('account.errors.other', { message: error.message });
}
