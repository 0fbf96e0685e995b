/** Designed loading, empty and error states: never a blank panel. */
import type { ApiFailure } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useI18n } from '../i18n.tsx';
import { Loading } from './loading.tsx';
import { NotFound } from './not-found.tsx';

export { Loading };

/** Nothing to show: by default the filters' hint; pages with no filters say what they are waiting for. */
export function Empty({ hint = true, title, text }: { hint?: boolean; title?: string; text?: string }) {
  const { t } = useI18n();
  const detail = text ?? (hint ? t('emptyHint') : undefined);
  return (
    <div className="state state-empty" role="status">
      <strong>{title ?? t('empty')}</strong>
      {detail && <span>{detail}</span>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiFailure; onRetry?: () => void }) {
  const { t } = useI18n();
  const errorOf = useErrorText();
  if (error.status === 404) return <NotFound what="item" />;
  const message = error.status === 403 ? t('forbidden') : t('error');
  return (
    <div className="state state-error" role="alert">
      <strong>{message}</strong>
      {error.status !== 403 && <span className="muted">{errorOf(error)}</span>}
      {onRetry && error.status !== 403 && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** Renders the right state for a hook's result, or the children with data. */
export function Async<T>({
  state,
  children,
  isEmpty,
  empty,
}: {
  state: { data: T | undefined; error: ApiFailure | undefined; loading: boolean; reload: () => void };
  children: (data: T) => React.ReactNode;
  isEmpty?: (data: T) => boolean;
  /** What to show when `isEmpty` says so, instead of the filters' "no data" hint. */
  empty?: React.ReactNode;
}) {
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  if (isEmpty?.(state.data)) return empty ?? <Empty />;
  return <div className={state.loading ? 'refreshing' : undefined}>{children(state.data)}</div>;
}
