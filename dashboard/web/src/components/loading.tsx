import { useI18n } from '../i18n.tsx';

/** The one loading state every page shows while its data arrives. */
export function Loading() {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t('loading')}
    </div>
  );
}
