import { Link, useLocation } from 'react-router-dom';
import type { OverviewResponse } from '../../../server/api-types.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { showChange, showCount } from '../shape.ts';

/** Volume per topic in the filtered period against the previous one; each row opens the topic. */
export function TopicsTable({
  rows,
  range,
  title,
  previousComplete = true,
}: {
  rows: OverviewResponse['topics'];
  range: OverviewResponse['range'];
  title: string;
  /** False: the previous period began before the first stored message (no percentages). */
  previousComplete?: boolean;
}) {
  const { t, num } = useI18n();
  const labels = useLabels();
  const { search } = useLocation();
  return (
    <section className="card">
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('topic')}</th>
            <th scope="col" className="num">
              {t('volume')}
            </th>
            <th scope="col" className="num">
              {t('previous')}
            </th>
            <th scope="col" className="num">
              {t('change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.topic}>
              <th scope="row">
                <Link to={`/topics/${row.topic}${search}`}>{labels.topic(row.topic)}</Link>
              </th>
              <td className="num" data-testid={`topic-count-${row.topic}`}>
                {showCount(row.count, num)}
              </td>
              <td className="num">{showCount(row.previous, num)}</td>
              <td className={previousComplete ? 'num' : 'num muted small'}>
                {previousComplete ? showChange(row.changePct, num) : t('previousIncomplete')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {range.from} – {range.to}
      </p>
    </section>
  );
}
