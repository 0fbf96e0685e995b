import { Link, useLocation, useParams } from 'react-router-dom';
import { useMessages, useMeta, useOverview, useTopic, useTopicTerms } from '../api/hooks.ts';
import { FilterBar } from '../components/filter-bar.tsx';
import { Kpi } from '../components/kpi.tsx';
import { Async } from '../components/states.tsx';
import { TopicsTable } from '../components/topics-table.tsx';
import { VolumeChart } from '../components/volume-chart.tsx';
import { useFilters } from '../filters.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { canReadText, useSession } from '../session.tsx';
import { isEmptySeries, showCount } from '../shape.ts';

/** Every topic with its volume in the filtered period (zero included, so each one can be opened). */
export function TopicsIndex() {
  const [filters] = useFilters();
  const meta = useMeta();
  const overview = useOverview(filters);
  const { t } = useI18n();
  return (
    <>
      <h1>{t('navTopics')}</h1>
      <FilterBar />
      <Async state={overview}>
        {(o) => {
          const seen = new Set(o.topics.map((r) => r.topic));
          const zero = { count: 0, previous: 0, changePct: null };
          const rows = [
            ...o.topics,
            ...(meta.data?.topics ?? [])
              .filter((x) => !seen.has(x.id))
              .map((x) => ({ topic: x.id, ...zero })),
          ];
          return <TopicsTable rows={rows} range={o.range} title={t('topicsTable')} />;
        }}
      </Async>
    </>
  );
}

/** A few recent redacted messages of the topic (analysts and admins; the server audits the read). */
function Samples({ topic }: { topic: string }) {
  const [filters] = useFilters();
  const { t, dateTime } = useI18n();
  const { search } = useLocation();
  const list = useMessages({ ...filters, topic, page: undefined, q: undefined }, true);
  return (
    <section className="card">
      <h2>{t('samples')}</h2>
      <Async state={list} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <ul className="plain samples">
            {d.items.slice(0, 5).map((m) => (
              <li key={m.id}>
                <span className="muted small">{dateTime(m.receivedAt)}</span>{' '}
                <Link to={`/messages/${m.id}${search}`}>{m.text}</Link>
              </li>
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}

export function TopicPage() {
  const { topic = 'other' } = useParams();
  const [filters] = useFilters();
  const { t, num } = useI18n();
  const labels = useLabels();
  const { user } = useSession();
  const { search } = useLocation();
  const detail = useTopic(topic, filters);
  const terms = useTopicTerms(topic, filters);
  const k = detail.data?.suppressionK ?? 5;
  const messagesLink = `/messages?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(search)), topic }).toString()}`;
  return (
    <>
      <h1>
        {t('topic')}: {labels.topic(topic)}
      </h1>
      <FilterBar showTopic={false} showBucket />
      <Async state={detail}>
        {(d) => (
          <>
            <div className="kpis">
              <Kpi title={t('volume')} value={d.volume} change={d.changePct} testId="topic-volume" />
              {d.bySentiment.map((s) => (
                <Kpi key={s.key} title={labels.sentiment(s.key)} value={s.count} />
              ))}
            </div>
            <section className="card">
              <div className="card-head">
                <h2>{t('trend')}</h2>
                {canReadText(user) && (
                  <Link className="button secondary" to={messagesLink}>
                    {t('seeMessages')}
                  </Link>
                )}
              </div>
              {!isEmptySeries(d.trend) ? (
                <VolumeChart
                  ts={d.trend}
                  filters={filters}
                  labelOf={labels.sentiment}
                  title={t('trend')}
                  topic={topic}
                  height={280}
                />
              ) : (
                <p className="state">{t('empty')}</p>
              )}
            </section>
            <div className="grid2">
              <section className="card">
                <h2>{t('byChannel')}</h2>
                <table className="compact">
                  <tbody>
                    {d.byChannel.map((r) => (
                      <tr key={r.key}>
                        <th scope="row">{labels.channel(r.key)}</th>
                        <td className="num">{showCount(r.count, num)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section className="card">
                <h2>{t('topTerms')}</h2>
                <Async state={terms}>
                  {(tt) =>
                    tt.terms.length === 0 ? (
                      <p className="muted">{t('noTerms', { k })}</p>
                    ) : (
                      <ol className="terms">
                        {tt.terms.map((x) => (
                          <li key={x.term}>
                            <span>{x.term}</span> <span className="muted">{num(x.count)}</span>
                          </li>
                        ))}
                      </ol>
                    )
                  }
                </Async>
              </section>
            </div>
            {canReadText(user) && <Samples topic={topic} />}
            <p className="muted small">{t('suppressedNote', { k })}</p>
          </>
        )}
      </Async>
    </>
  );
}
