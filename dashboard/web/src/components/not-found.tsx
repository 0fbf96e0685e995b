/**
 * The not-found page: an unknown address, or an id (topic, message) that does not exist. Says what was
 * asked for and offers the way back, in the UI's language.
 */
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useMeta } from '../api/hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Loading } from './loading.tsx';

export function NotFound({ what = 'page' }: { what?: 'page' | 'item' }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <section className="card not-found" data-testid="not-found" aria-labelledby="not-found-title">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="not-found-title">{what === 'page' ? t('notFoundTitle') : t('notFoundItemTitle')}</h1>
      <p className="muted">
        {what === 'page' ? t('notFoundText') : t('notFoundItemText')} <code>{pathname}</code>
      </p>
      <p>
        <Link className="button" to="/">
          {t('backToOverview')}
        </Link>
      </p>
    </section>
  );
}

/** `/topics/:topic` for a topic the taxonomy does not have is a not-found page, not a 400. */
export function KnownTopic({ children }: { children: ReactNode }) {
  const { topic } = useParams();
  const meta = useMeta();
  if (meta.data === undefined && !meta.error) return <Loading />;
  if (meta.data && !meta.data.topics.some((x) => x.id === topic)) return <NotFound what="item" />;
  return <>{children}</>;
}

/** `/messages/:id` needs a positive whole number; anything else does not exist. */
export function KnownMessageId({ children }: { children: ReactNode }) {
  const { id } = useParams();
  if (id !== undefined && !/^[1-9]\d{0,15}$/.test(id)) return <NotFound what="item" />;
  return <>{children}</>;
}
