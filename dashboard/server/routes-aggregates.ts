/** Aggregate endpoints: every one reads rollups_hourly / author_days only, and suppresses small slices. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CHANNELS } from '../../bots/shared/events.ts';
import { writeAudit } from '../../db/audit.ts';
import { breakdown, type CountValue, Suppressor, timeSeries } from '../../db/dashboard-aggregates.ts';
import { localDayStart, msToLocalDate, withDimension } from '../../db/dashboard-filters.ts';
import { risingTopics } from '../../db/dashboard-rising.ts';
import { topicTerms } from '../../db/dashboard-terms.ts';
import { firstRollupHour } from '../../db/trends.ts';
import { LANG_NAMES, SENTIMENTS, TOPIC_IDS, TOPIC_NAMES } from '../../workers/analysis/taxonomy.ts';
import type {
  MetaResponse,
  OverviewResponse,
  TimeseriesResponse,
  TopicChange,
  TopicDetailResponse,
  TopicTermsResponse,
} from './api-types.ts';
import { userOf } from './auth.ts';
import { seriesCsv } from './csv.ts';
import type { AggregateCaches, DashboardDeps } from './deps.ts';
import { chooseBucket, doc, FilterQuery, type ParsedRange, previousPeriod, toSliceFilter } from './query.ts';

const SeriesQuery = FilterQuery.extend({
  by: z.enum(['topic', 'channel', 'sentiment', 'lang']).default('topic'),
  bucket: z.enum(['hour', 'day', 'week']).optional(),
});
const TopicParam = z.object({ topic: z.enum(TOPIC_IDS) });

function changePct(now: CountValue, before: CountValue): number | null {
  if (typeof now !== 'number' || typeof before !== 'number' || before === 0) return null;
  return Math.round(((now - before) / before) * 1000) / 10;
}

const aggregateSchema = (summary: string, querystring: z.ZodType) => ({
  tags: ['aggregates'],
  summary,
  querystring: doc(querystring),
});

export async function registerAggregateRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  caches: AggregateCaches,
): Promise<void> {
  const k = deps.config.SUPPRESSION_K;
  const { rollups, suppressionMemo } = caches;
  const suppressor = () => new Suppressor(deps.db, k, suppressionMemo.current());

  async function series(
    range: ParsedRange,
    by: TimeseriesResponse['by'],
    bucket?: TimeseriesResponse['bucket'],
  ) {
    const chosen = chooseBucket(bucket, range.days);
    const ts = await timeSeries(rollups, suppressor(), range.filter, chosen, by);
    return { range: { from: range.from, to: range.to }, bucket: chosen, by, suppressionK: k, ...ts };
  }

  app.get(
    '/meta',
    {
      config: { role: 'viewer' },
      schema: { tags: ['aggregates'], summary: 'Labels, channels and settings' },
    },
    async (): Promise<MetaResponse> => ({
      topics: TOPIC_IDS.map((id) => ({ id, ...TOPIC_NAMES[id] })),
      channels: [...CHANNELS],
      sentiments: [...SENTIMENTS],
      langs: ['vi', 'en', 'und'],
      langNames: { ...LANG_NAMES },
      suppressionK: k,
      timeZone: 'Asia/Ho_Chi_Minh',
      today: msToLocalDate(localDayStart(deps.now())),
    }),
  );

  app.get(
    '/overview',
    {
      config: { role: 'viewer' },
      schema: aggregateSchema('KPI tiles, splits and rising topics', FilterQuery),
    },
    async (request): Promise<OverviewResponse> => {
      const range = toSliceFilter(FilterQuery.parse(request.query), deps.now());
      const prev = previousPeriod(range);
      const s = suppressor();
      const firstHour = await firstRollupHour(deps.db);
      // A comparison with time before the first stored message would count go-live as growth.
      const previousComplete = firstHour !== undefined && prev.filter.fromMs >= firstHour;
      const change = (now: CountValue, before: CountValue) =>
        previousComplete ? changePct(now, before) : null;
      const [total, prevTotal, negativeN, topicNow, topicPrev] = await Promise.all([
        rollups.total(range.filter),
        rollups.total(prev.filter),
        rollups.total(withDimension(range.filter, 'sentiment', 'negative')),
        rollups.by(range.filter, 'topic'),
        rollups.by(prev.filter, 'topic'),
      ]);
      const volume = await s.show(range.filter, total);
      const previousVolume = await s.show(prev.filter, prevTotal);
      const negative = await s.show(withDimension(range.filter, 'sentiment', 'negative'), negativeN);
      const topics: TopicChange[] = [];
      for (const topic of new Set([...topicNow.keys(), ...topicPrev.keys()])) {
        const count = await s.show(withDimension(range.filter, 'topic', topic), topicNow.get(topic) ?? 0);
        const previous = await s.show(withDimension(prev.filter, 'topic', topic), topicPrev.get(topic) ?? 0);
        topics.push({ topic, count, previous, changePct: change(count, previous) });
      }
      topics.sort(
        (a, b) => (typeof b.count === 'number' ? b.count : 0) - (typeof a.count === 'number' ? a.count : 0),
      );
      const rising = await risingTopics(rollups, s, range.filter, firstHour, deps.now());
      return {
        range: { from: range.from, to: range.to },
        previous: { from: prev.from, to: prev.to },
        suppressionK: k,
        volume,
        previousVolume,
        previousComplete,
        changePct: change(volume, previousVolume),
        negative,
        negativeShare:
          typeof negative === 'number' && typeof volume === 'number' && volume > 0 ? negative / volume : null,
        byChannel: await breakdown(rollups, s, range.filter, 'channel'),
        byLang: await breakdown(rollups, s, range.filter, 'lang'),
        bySentiment: await breakdown(rollups, s, range.filter, 'sentiment'),
        topics,
        rising,
      };
    },
  );

  app.get(
    '/timeseries',
    { config: { role: 'viewer' }, schema: aggregateSchema('Volume over time by a dimension', SeriesQuery) },
    async (request): Promise<TimeseriesResponse> => {
      const q = SeriesQuery.parse(request.query);
      return series(toSliceFilter(q, deps.now()), q.by, q.bucket);
    },
  );

  app.get(
    '/export/timeseries.csv',
    {
      config: { role: 'viewer' },
      schema: aggregateSchema('The time series as CSV (suppressed cells as "< k")', SeriesQuery),
    },
    async (request, reply) => {
      const q = SeriesQuery.parse(request.query);
      const ts = await series(toSliceFilter(q, deps.now()), q.by, q.bucket);
      const user = userOf(request);
      await writeAudit(
        deps.db,
        {
          userId: user.id,
          userEmail: user.email,
          action: 'export.timeseries',
          details: { query: q },
          ip: request.ip,
        },
        deps.now(),
      );
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="vneid-${q.by}-${ts.range.from}_${ts.range.to}.csv"`,
        );
      return seriesCsv(ts);
    },
  );

  app.get(
    '/topics/:topic',
    {
      config: { role: 'viewer' },
      schema: { ...aggregateSchema('One topic: trend and splits', SeriesQuery), params: doc(TopicParam) },
    },
    async (request): Promise<TopicDetailResponse> => {
      const { topic } = TopicParam.parse(request.params);
      const q = SeriesQuery.parse(request.query);
      const base = toSliceFilter(q, deps.now());
      const range: ParsedRange = { ...base, filter: withDimension(base.filter, 'topic', topic) };
      const prev = previousPeriod(range);
      const s = suppressor();
      const volume = await s.show(range.filter, await rollups.total(range.filter));
      const previousVolume = await s.show(prev.filter, await rollups.total(prev.filter));
      return {
        topic,
        range: { from: range.from, to: range.to },
        suppressionK: k,
        volume,
        previousVolume,
        changePct: changePct(volume, previousVolume),
        trend: await series(range, q.by === 'topic' ? 'sentiment' : q.by, q.bucket),
        byChannel: await breakdown(rollups, s, range.filter, 'channel'),
        bySentiment: await breakdown(rollups, s, range.filter, 'sentiment'),
        byLang: await breakdown(rollups, s, range.filter, 'lang'),
      };
    },
  );

  app.get(
    '/topics/:topic/terms',
    {
      config: { role: 'viewer' },
      schema: {
        ...aggregateSchema('Phrases used by at least k citizens', FilterQuery),
        params: doc(TopicParam),
      },
    },
    async (request): Promise<TopicTermsResponse> => {
      const { topic } = TopicParam.parse(request.params);
      const range = toSliceFilter(FilterQuery.parse(request.query), deps.now());
      const result = await topicTerms(deps.db, withDimension(range.filter, 'topic', topic), k);
      return { topic, ...result };
    },
  );
}
