import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { RelabelResponse } from '../../../server/api-types.ts';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useMessage, useMessages, useMeta } from '../api/hooks.ts';
import { FilterBar } from '../components/filter-bar.tsx';
import { SortSelect, SpanNote } from '../components/span-note.tsx';
import { Async } from '../components/states.tsx';
import { useFilters } from '../filters.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';

function SearchBox() {
  const [filters, update] = useFilters();
  const { t } = useI18n();
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if (text === (filters.q ?? '')) return;
    const timer = setTimeout(() => update({ q: text || undefined }), 350);
    return () => clearTimeout(timer);
  }, [text, filters.q, update]);
  return (
    <div className="search-row">
      <label className="field search">
        <span>{t('search')}</span>
        <input
          type="search"
          name="q"
          value={text}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {filters.q && <SortSelect value={filters.sort ?? 'newest'} onChange={(sort) => update({ sort })} />}
    </div>
  );
}

function Relabel({
  id,
  topic,
  sentiment,
  onDone,
}: {
  id: number;
  topic: string;
  sentiment: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const errorOf = useErrorText();
  const labels = useLabels();
  const meta = useMeta();
  const [status, setStatus] = useState<string | null>(null);
  // Controlled, starting from the message's labels: an uncontrolled select mounted before the topic
  // list arrived showed the first topic, so "Save" would have relabelled to it.
  const [newTopic, setNewTopic] = useState(topic);
  const [newSentiment, setNewSentiment] = useState(sentiment);
  // After a save the message comes back with its new labels: start from those. (Another message
  // gets a fresh form: the caller keys this component by message id.)
  useEffect(() => {
    setNewTopic(topic);
    setNewSentiment(sentiment);
  }, [topic, sentiment]);
  const unchanged = newTopic === topic && newSentiment === sentiment;
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    try {
      await api<RelabelResponse>(`/messages/${id}/relabel`, {
        method: 'POST',
        body: { topic: newTopic, sentiment: newSentiment },
      });
      setStatus(t('saved'));
      onDone();
    } catch (err) {
      setStatus(errorOf(err));
    }
  }
  return (
    <form className="relabel" onSubmit={(e) => void submit(e)} aria-label={t('relabel')}>
      <h3>{t('relabel')}</h3>
      <label className="field">
        <span>{t('topic')}</span>
        <select name="topic" value={newTopic} onChange={(e) => setNewTopic(e.target.value)}>
          {meta.data?.topics.map((x) => (
            <option key={x.id} value={x.id}>
              {labels.topic(x.id)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('sentiment')}</span>
        <select name="sentiment" value={newSentiment} onChange={(e) => setNewSentiment(e.target.value)}>
          {(meta.data?.sentiments ?? []).map((s) => (
            <option key={s} value={s}>
              {labels.sentiment(s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={unchanged}>
        {t('save')}
      </button>
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
    </form>
  );
}

function Detail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t, dateTime, num } = useI18n();
  const labels = useLabels();
  const navigate = useNavigate();
  const { search } = useLocation();
  const message = useMessage(id);
  const close = () => navigate(`/messages${search}`);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && navigate(`/messages${search}`);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, search]);
  return (
    <aside className="card detail" aria-label={t('messageDetail')} data-testid="message-detail">
      <div className="card-head">
        <h2>{t('messageDetail')}</h2>
        <button type="button" className="secondary" onClick={close}>
          {t('close')}
        </button>
      </div>
      <Async state={message}>
        {(m) => (
          <>
            <blockquote className="message-text">{m.text}</blockquote>
            <dl className="facts">
              <dt>{t('received')}</dt>
              <dd>{dateTime(m.receivedAt)}</dd>
              <dt>{t('channel')}</dt>
              <dd>{labels.channel(m.channel)}</dd>
              <dt>{t('topic')}</dt>
              <dd data-testid="detail-topic">{labels.topic(m.topic)}</dd>
              <dt>{t('sentiment')}</dt>
              <dd>{labels.sentiment(m.sentiment)}</dd>
              <dt>{t('lang')}</dt>
              <dd>{labels.lang(m.lang)}</dd>
              <dt>{t('ref')}</dt>
              <dd>{m.refCode}</dd>
              <dt>{t('model')}</dt>
              <dd>{m.modelVersion}</dd>
              <dt>{t('otherTopics')}</dt>
              <dd>
                {m.topics
                  .map((x) => `${labels.topic(x.id)} (${num(Math.round(x.score * 100))} %)`)
                  .join(', ') || '–'}
              </dd>
            </dl>
            <Relabel
              key={m.id}
              id={m.id}
              topic={m.topic}
              sentiment={m.sentiment}
              onDone={() => {
                message.reload();
                onChanged();
              }}
            />
            <h3>{t('corrections')}</h3>
            {m.corrections.length === 0 ? (
              <p className="muted">{t('noCorrections')}</p>
            ) : (
              <ul className="corrections">
                {m.corrections.map((c) => (
                  <li key={c.createdAt + c.newTopic}>
                    {dateTime(c.createdAt)} · {c.correctedBy}: {labels.topic(c.oldTopic)} →{' '}
                    {labels.topic(c.newTopic)}, {labels.sentiment(c.oldSentiment)} →{' '}
                    {labels.sentiment(c.newSentiment)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
    </aside>
  );
}

export function MessagesPage() {
  const [filters, update] = useFilters();
  const { id } = useParams();
  const { t, num, dateTime } = useI18n();
  const labels = useLabels();
  const { search } = useLocation();
  const list = useMessages(filters, true);
  const page = filters.page ?? 1;
  const selected = id ? Number(id) : null;
  return (
    <>
      <h1>{t('navMessages')}</h1>
      <FilterBar />
      <SpanNote filters={filters} update={update} />
      <SearchBox />
      <div className={selected ? 'split' : undefined}>
        <section className="card">
          <Async state={list} isEmpty={(d) => d.items.length === 0}>
            {(d) => (
              <>
                <p className="muted" data-testid="message-count">
                  {d.totalCapped ? t('resultsCapped', { n: d.total }) : t('results', { n: d.total })}
                </p>
                <table className="messages">
                  <thead>
                    <tr>
                      <th scope="col">{t('received')}</th>
                      <th scope="col">{t('channel')}</th>
                      <th scope="col">{t('topic')}</th>
                      <th scope="col">{t('sentiment')}</th>
                      <th scope="col">{t('text')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((m) => (
                      <tr key={m.id} className={m.id === selected ? 'selected' : undefined}>
                        <td className="nowrap">{dateTime(m.receivedAt)}</td>
                        <td>{labels.channel(m.channel)}</td>
                        <td>{labels.topic(m.topic)}</td>
                        <td>{labels.sentiment(m.sentiment)}</td>
                        <td>
                          <Link to={`/messages/${m.id}${search}`} className="message-link">
                            {m.text.length > 140 ? `${m.text.slice(0, 140)}…` : m.text}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <nav className="pager" aria-label="pages">
                  <button
                    type="button"
                    className="secondary"
                    disabled={page <= 1}
                    onClick={() => update({ page: page - 1 })}
                  >
                    {t('prev')}
                  </button>
                  <span>{t('page', { n: num(page) })}</span>
                  <button
                    type="button"
                    className="secondary"
                    disabled={page * d.pageSize >= d.total}
                    onClick={() => update({ page: page + 1 })}
                  >
                    {t('next')}
                  </button>
                </nav>
              </>
            )}
          </Async>
        </section>
        {selected !== null && Number.isInteger(selected) && <Detail id={selected} onChanged={list.reload} />}
      </div>
    </>
  );
}
