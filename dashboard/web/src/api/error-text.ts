/**
 * What a failed request means, in the UI's language: the API's error code (never its English message
 * or a validator's text) looked up in the catalog of messages-app.ts, naming the field when known.
 */
import { type I18n, useI18n } from '../i18n.tsx';
import type { Dict } from '../messages.ts';
import { ERROR_TEXT, isKnownError } from '../messages-app.ts';
import { ApiFailure } from './client.ts';

/** Input fields the API may name, and the UI's label for each. */
const FIELD_LABELS: Record<string, keyof Dict> = {
  from: 'from',
  to: 'to',
  channel: 'channel',
  topic: 'topic',
  sentiment: 'sentiment',
  lang: 'lang',
  bucket: 'bucket',
  email: 'email',
  password: 'password',
  role: 'role',
  week: 'weekColumn',
  label: 'label',
  kind: 'markerKind',
  at: 'at',
  refCode: 'refCode',
  q: 'search',
};

export function errorText(i18n: Pick<I18n, 'lang' | 't'>, err: unknown): string {
  const texts = ERROR_TEXT[i18n.lang];
  if (!(err instanceof ApiFailure)) return texts.unknown;
  const code = isKnownError(err.code) ? err.code : err.status >= 500 ? 'internal' : 'unknown';
  const label = err.field ? FIELD_LABELS[err.field] : undefined;
  if (code === 'invalid_input' && label) return texts.invalid_field.replace('{field}', i18n.t(label));
  return texts[code];
}

/** `errorText` bound to the UI's current language. */
export function useErrorText(): (err: unknown) => string {
  const i18n = useI18n();
  return (err) => errorText(i18n, err);
}
