/** On Messages: the search order, and the exact span (an incident's, a chart bar's) the list is narrowed to, and a way out. */
import type { Filters } from '../filters.ts';
import { useI18n } from '../i18n.tsx';

export function SpanNote({ filters, update }: { filters: Filters; update: (c: Partial<Filters>) => void }) {
  const { t, dateTime } = useI18n();
  if (!filters.start && !filters.end) return null;
  const from = filters.start ? dateTime(Date.parse(filters.start)) : '…';
  const to = filters.end ? dateTime(Date.parse(filters.end)) : '…';
  return (
    <p className="span-note" data-testid="span-note">
      <span>{t('spanFilter', { from, to })}</span>
      <button
        type="button"
        className="secondary"
        onClick={() => update({ start: undefined, end: undefined })}
      >
        {t('spanClear')}
      </button>
    </p>
  );
}

export function SortSelect({
  value,
  onChange,
}: {
  value: 'relevance' | 'newest';
  onChange: (v: 'relevance' | 'newest') => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('sortBy')}</span>
      <select
        name="sort"
        value={value}
        onChange={(e) => onChange(e.target.value === 'relevance' ? 'relevance' : 'newest')}
      >
        <option value="newest">{t('sortNewest')}</option>
        <option value="relevance">{t('sortRelevance')}</option>
      </select>
    </label>
  );
}
