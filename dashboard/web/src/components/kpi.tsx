import type { CountValue } from '../../../server/api-types.ts';
import { useI18n } from '../i18n.tsx';
import { showChange, showCount } from '../shape.ts';

export function Kpi({
  title,
  value,
  change,
  changeNote,
  testId,
}: {
  title: string;
  value: CountValue | string;
  change?: number | null;
  /** Shown instead of the change when there is nothing fair to compare with. */
  changeNote?: string | undefined;
  testId?: string;
}) {
  const { t, num } = useI18n();
  const shown = typeof value === 'number' ? showCount(value, num) : value;
  const trend = change === undefined || change === null ? '' : change > 0 ? 'up' : change < 0 ? 'down' : '';
  return (
    <section className="card kpi" aria-label={title}>
      <h2>{title}</h2>
      <p className="kpi-value" data-testid={testId}>
        {shown}
      </p>
      {changeNote !== undefined && (
        <p className="kpi-change muted" data-testid={testId ? `${testId}-change` : undefined}>
          {changeNote}
        </p>
      )}
      {change !== undefined && changeNote === undefined && (
        <p className={`kpi-change ${trend}`}>
          {showChange(change, num)} <span className="muted">{t('changeVsPrevious')}</span>
        </p>
      )}
    </section>
  );
}
