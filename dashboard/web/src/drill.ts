/** Links from an aggregate (an incident, a chart bar) to the messages behind it. Pure. */
import { type Filters, toQuery } from './filters.ts';

const VN_OFFSET_MS = 7 * 3_600_000;

/** Local (Asia/Ho_Chi_Minh) date YYYY-MM-DD of an instant. */
export function localDate(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export interface Span {
  topic?: string | null;
  channels?: readonly string[];
  startMs: number;
  /** Exclusive end. */
  endMs: number;
}

/** Filters for the messages of a span: its local days plus the exact instants. */
export function spanFilters(span: Span, base: Filters = {}): Filters {
  const f: Filters = {
    ...base,
    from: localDate(span.startMs),
    to: localDate(span.endMs - 1),
    start: new Date(span.startMs).toISOString(),
    end: new Date(span.endMs).toISOString(),
  };
  if (span.topic) f.topic = span.topic;
  if (span.channels && span.channels.length > 0) f.channel = span.channels.join(',');
  delete f.page;
  delete f.bucket;
  return f;
}

/** `/messages?…` for roles that read text; otherwise the topic page for the same days. */
export function drillLink(span: Span, mayReadText: boolean, base: Filters = {}): string {
  const f = spanFilters(span, base);
  if (mayReadText)
    return `/messages${toQuery(f, ['from', 'to', 'channel', 'topic', 'sentiment', 'lang', 'start', 'end'])}`;
  const days = toQuery(f, ['from', 'to', 'channel']);
  return span.topic ? `/topics/${span.topic}${days}` : `/${days}`;
}
