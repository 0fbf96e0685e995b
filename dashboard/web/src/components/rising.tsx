/** The Overview's rising topics: problem topics above what their history predicts, most unusual first. */
import { Link, useLocation } from 'react-router-dom';
import type { OverviewResponse } from '../../../server/api-types.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { showCount } from '../shape.ts';

export function RisingTopics({ rising }: { rising: OverviewResponse['rising'] }) {
  const { t, num, dateTime } = useI18n();
  const labels = useLabels();
  const { search } = useLocation();
  return (
    <section className="card kpi" data-testid="rising">
      <h2>{t('risingTopics')}</h2>
      {rising.length === 0 ? (
        <p className="muted">{t('risingNone')}</p>
      ) : (
        <ol className="rising">
          {rising.slice(0, 3).map((r) => (
            <li key={r.topic} data-topic={r.topic}>
              <Link to={`/topics/${r.topic}${search}`}>{labels.topic(r.topic)}</Link>{' '}
              <span className="muted small">
                {t('risingAgainst', {
                  count: showCount(r.count, num),
                  expected: num(Math.round(r.expected)),
                })}{' '}
                · {t('risingSince', { time: dateTime(Date.parse(r.since)) })}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
