/**
 * What the reader sees when the server refuses an account change: the fields the server named, with
 * their form labels, or the refusal itself in the reader's language (its code, `problems.<code>`).
 */

import type { TFunction } from 'i18next';
import { errorText, type FailedRequest } from '../../format/problems';

interface RefusedRequest extends FailedRequest {
  data?:
    | (FailedRequest['data'] & {
        zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null;
      })
    | null;
}

/** The form labels of the fields the server may name, as i18n keys. */
const FIELD_LABELS: Record<string, string> = {
  username: 'account.users.username',
  displayName: 'account.users.displayName',
  role: 'account.users.role',
  department: 'account.users.department',
  password: 'account.users.password',
  name: 'account.tokens.name',
  email: 'account.mail.address',
};

export function refusalText(error: RefusedRequest, t: TFunction): string {
  const fields = Object.entries(error.data?.zodError?.fieldErrors ?? {})
    .filter(([, problems]) => problems && problems.length > 0)
    .map(([field]) => (FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field));
  if (fields.length > 0) return t('account.errors.field', { fields: fields.join(', ') });
  return errorText(t, error);
}
