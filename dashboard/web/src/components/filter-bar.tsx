/** Date range and slice filters; every change goes into the URL. */
import { useMeta } from '../api/hooks.ts';
import { type Filters, useFilters } from '../filters.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';

export function FilterBar({
  showTopic = true,
  showBucket = false,
}: {
  showTopic?: boolean;
  showBucket?: boolean;
}) {
  const [filters, update] = useFilters();
  const { t } = useI18n();
  const labels = useLabels();
  const meta = useMeta();
  // Without from/to the server shows the last 30 days; the inputs show that range rather than blanks.
  const today = meta.data?.today;
  const defaultFrom = today
    ? new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10)
    : '';
  const select = (
    key: keyof Filters,
    title: string,
    options: readonly string[],
    labelOf: (v: string) => string,
    anyLabel = t('all'),
  ) => (
    <label className="field">
      <span>{title}</span>
      <select
        name={key}
        value={String(filters[key] ?? '')}
        onChange={(e) => update({ [key]: e.target.value || undefined })}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form className="filter-bar" aria-label="filters" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>{t('from')}</span>
        <input
          type="date"
          name="from"
          value={filters.from ?? defaultFrom}
          onChange={(e) => update({ from: e.target.value || undefined })}
        />
      </label>
      <label className="field">
        <span>{t('to')}</span>
        <input
          type="date"
          name="to"
          value={filters.to ?? today ?? ''}
          onChange={(e) => update({ to: e.target.value || undefined })}
        />
      </label>
      {select(
        'channel',
        t('channel'),
        meta.data?.channels ?? ['telegram', 'facebook', 'zalo'],
        labels.channel,
      )}
      {showTopic && select('topic', t('topic'), meta.data?.topics.map((x) => x.id) ?? [], labels.topic)}
      {select('sentiment', t('sentiment'), meta.data?.sentiments ?? [], labels.sentiment)}
      {select('lang', t('lang'), meta.data?.langs ?? [], labels.lang)}
      {showBucket &&
        select(
          'bucket',
          t('bucket'),
          ['hour', 'day', 'week'],
          (b) => t(b === 'hour' ? 'hour' : b === 'day' ? 'day' : 'week'),
          t('auto'),
        )}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          update({
            from: undefined,
            to: undefined,
            channel: undefined,
            topic: undefined,
            sentiment: undefined,
            lang: undefined,
            bucket: undefined,
            q: undefined,
          })
        }
      >
        {t('reset')}
      </button>
    </form>
  );
}
