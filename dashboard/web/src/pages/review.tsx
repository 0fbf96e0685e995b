/**
 * The review queue, one message at a time, labelled from the keyboard: a key for each of the 12 topics
 * (1–9, 0, Q, W), sentiment on A/S/D, Enter saves (unchanged: the model's label is confirmed), J or
 * Space skips. Progress: labelled today, in the queue, team labels in total.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type {
  ReviewItem,
  ReviewLabelResponse,
  ReviewProgress,
  ReviewQueueResponse,
  ReviewSkipResponse,
} from '../../../server/review-types.ts';
import { ApiFailure, api } from '../api/client.ts';
import { useMeta } from '../api/hooks.ts';
import { useApi } from '../api/use-api.ts';
import { Async, Empty } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useReviewText } from './review-text.ts';
import './review.css';

export const TOPIC_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'q', 'w'] as const;
export const SENTIMENT_KEYS: Record<string, string> = { a: 'negative', s: 'neutral', d: 'positive' };
const BATCH = 20;

function Progress({ p }: { p: ReviewProgress }) {
  const rt = useReviewText();
  const { num } = useI18n();
  const cells = [
    ['labelledToday', 'progress-today', p.labelledToday],
    ['inQueue', 'progress-queue', p.inQueue],
    ['totalLabels', 'progress-total', p.totalTeamLabels],
  ] as const;
  return (
    <dl className="review-progress" aria-live="polite">
      {cells.map(([key, id, n]) => (
        <div key={key}>
          <dt>{rt(key)}</dt>
          <dd data-testid={id}>{num(n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Labeller({
  item,
  topics,
  onLabel,
  onSkip,
  busy,
}: {
  item: ReviewItem;
  topics: string[];
  onLabel: (topic: string, sentiment: string) => void;
  onSkip: () => void;
  busy: boolean;
}) {
  const rt = useReviewText();
  const { pct, dateTime } = useI18n();
  const labels = useLabels();
  const [topic, setTopicState] = useState(item.topic);
  const [sentiment, setSentimentState] = useState(item.sentiment);
  // The choice as of the last key press: keys typed faster than React re-renders (a digit, then Enter)
  // must save what was just chosen, not what the last render saw.
  const chosen = useRef({ topic: item.topic, sentiment: item.sentiment });
  const setTopic = useCallback((id: string) => {
    chosen.current.topic = id;
    setTopicState(id);
  }, []);
  const setSentiment = useCallback((id: string) => {
    chosen.current.sentiment = id;
    setSentimentState(id);
  }, []);

  // A layout effect: listening from the moment the message is on screen, not a frame later.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || busy) return;
      const target = e.target;
      if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
      if (target instanceof HTMLTextAreaElement) return;
      const key = e.key.toLowerCase();
      const ti = (TOPIC_KEYS as readonly string[]).indexOf(key);
      if (ti >= 0 && topics[ti]) {
        setTopic(topics[ti]);
      } else if (SENTIMENT_KEYS[key]) {
        setSentiment(SENTIMENT_KEYS[key]);
      } else if (e.key === 'Enter') {
        onLabel(chosen.current.topic, chosen.current.sentiment);
      } else if (key === 'j' || e.key === ' ') {
        onSkip();
      } else {
        return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [topics, busy, onLabel, onSkip, setTopic, setSentiment]);

  return (
    <section className="card review-card" data-testid="review-item" data-id={item.id}>
      <blockquote className="message-text">{item.text}</blockquote>
      <dl className="facts">
        <dt>{rt('modelSays')}</dt>
        <dd data-testid="model-topic">
          {labels.topic(item.topic)} · {labels.sentiment(item.sentiment)}
        </dd>
        <dt>{rt('confidence')}</dt>
        <dd>
          {pct(item.confidence)} · {rt('margin')}: {pct(item.margin)}
        </dd>
        <dt>{rt('duplicates')}</dt>
        <dd>{rt('duplicatesValue', { n: item.duplicates })}</dd>
        <dt>{rt('received')}</dt>
        <dd>
          {dateTime(item.receivedAt)} · {labels.channel(item.channel)} · {labels.lang(item.lang)}
        </dd>
      </dl>
      <fieldset className="review-keys">
        <legend className="review-keys-title">{rt('topicKeys')}</legend>
        {topics.map((id, i) => (
          <button
            key={id}
            type="button"
            aria-pressed={topic === id}
            className={topic === id ? 'key-choice chosen' : 'key-choice'}
            data-topic={id}
            onClick={() => setTopic(id)}
          >
            <kbd>{(TOPIC_KEYS[i] ?? '').toUpperCase()}</kbd> {labels.topic(id)}
            {id === item.topic && <span className="muted small"> ●</span>}
          </button>
        ))}
      </fieldset>
      <fieldset className="review-keys">
        <legend className="review-keys-title">{rt('sentimentKeys')}</legend>
        {Object.entries(SENTIMENT_KEYS).map(([key, id]) => (
          <button
            key={id}
            type="button"
            aria-pressed={sentiment === id}
            className={sentiment === id ? 'key-choice chosen' : 'key-choice'}
            data-sentiment={id}
            onClick={() => setSentiment(id)}
          >
            <kbd>{key.toUpperCase()}</kbd> {labels.sentiment(id)}
          </button>
        ))}
      </fieldset>
      <div className="review-actions">
        <button type="button" disabled={busy} onClick={() => onLabel(topic, sentiment)}>
          {rt('accept')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onSkip}>
          {rt('skip')}
        </button>
      </div>
      <p className="muted small">{rt('keysHint')}</p>
    </section>
  );
}

export function ReviewPage() {
  const rt = useReviewText();
  const { t } = useI18n();
  const meta = useMeta();
  const queue = useApi<ReviewQueueResponse>(`/review/queue?limit=${BATCH}`);
  const [done, setDone] = useState<ReadonlySet<number>>(new Set());
  const [progress, setProgress] = useState<ReviewProgress | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const topics = useMemo(() => meta.data?.topics.map((x) => x.id) ?? [], [meta.data]);
  const remaining = queue.data?.items.filter((i) => !done.has(i.id)) ?? [];
  const item = remaining[0];
  const { reload } = queue;

  // Fetch the next batch before this one runs out (the server leaves out what is labelled or skipped).
  const waiting = progress?.inQueue ?? 0;
  const low = queue.data !== undefined && remaining.length < 3 && waiting > remaining.length;
  useEffect(() => {
    if (low && !queue.loading) reload();
  }, [low, queue.loading, reload]);
  useEffect(() => {
    if (queue.data) setProgress(queue.data.progress);
  }, [queue.data]);

  const act = useCallback(
    async (id: number, run: () => Promise<{ progress: ReviewProgress }>, message: (r: unknown) => string) => {
      setBusy(true);
      try {
        const r = await run();
        setDone((d) => new Set(d).add(id));
        setProgress(r.progress);
        setStatus(message(r));
      } catch (err) {
        setStatus(err instanceof ApiFailure ? err.message : t('error'));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  const onLabel = useCallback(
    (topic: string, sentiment: string) => {
      if (!item) return;
      void act(
        item.id,
        () =>
          api<ReviewLabelResponse>(`/review/${item.id}/label`, {
            method: 'POST',
            body: { topic, sentiment },
          }),
        (r) => ((r as ReviewLabelResponse).kind === 'confirmation' ? rt('confirmed') : rt('corrected')),
      );
    },
    [item, act, rt],
  );
  const onSkip = useCallback(() => {
    if (!item) return;
    void act(
      item.id,
      () => api<ReviewSkipResponse>(`/review/${item.id}/skip`, { method: 'POST' }),
      () => rt('skipped'),
    );
  }, [item, act, rt]);

  return (
    <div className="page review">
      <h1>{rt('title')}</h1>
      <p className="muted">{rt('intro')}</p>
      {progress && <Progress p={progress} />}
      {status && (
        <p role="status" className="muted" data-testid="review-status">
          {status}
        </p>
      )}
      <Async
        state={queue}
        isEmpty={() => item === undefined}
        empty={<Empty title={rt('emptyTitle')} text={rt('emptyText')} />}
      >
        {() =>
          item && topics.length > 0 ? (
            <Labeller
              key={item.id}
              item={item}
              topics={topics}
              onLabel={onLabel}
              onSkip={onSkip}
              busy={busy}
            />
          ) : null
        }
      </Async>
    </div>
  );
}
