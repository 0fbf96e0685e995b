/**
 * The Overview's and the Topic page's stacked chart: hidden cells as one grey "< k" part, release
 * markers and incident periods drawn on it, the bucket in progress noted, and a click on a bar or a
 * legend entry opening the messages of that bucket and series (or, for viewers, the topic page).
 */
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { TimeseriesResponse } from '../../../server/api-types.ts';
import { useIncidents, useReleases } from '../api/hooks.ts';
import { HIDDEN_KEY, truthfulChart } from '../chart-truth.ts';
import { drillLink } from '../drill.ts';
import type { Filters } from '../filters.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { canReadText, useSession } from '../session.tsx';
import { Chart } from './chart.tsx';

const DAY_MS = 86_400_000;
const FILTER_OF = { topic: 'topic', channel: 'channel', sentiment: 'sentiment', lang: 'lang' } as const;

export function VolumeChart({
  ts,
  filters,
  labelOf,
  title,
  topic,
  height = 300,
}: {
  ts: TimeseriesResponse;
  filters: Filters;
  labelOf: (key: string) => string;
  title: string;
  /** The page's own topic (the Topic page), kept in every drill-down. */
  topic?: string;
  height?: number;
}) {
  const { t, num, bucket } = useI18n();
  const labels = useLabels();
  const navigate = useNavigate();
  const { user } = useSession();
  const releases = useReleases();
  const incidents = useIncidents(false, { from: ts.range.from, to: ts.range.to });
  const k = ts.suppressionK;
  const rangeEndMs = Date.parse(`${ts.range.to}T00:00:00+07:00`) + DAY_MS;
  const shape = useMemo(
    () =>
      truthfulChart(ts, {
        labelOf,
        bucketLabel: bucket,
        hiddenLabel: `< ${k}`,
        partialLabel: t('partialBucket'),
        now: Date.now(),
        rangeEndMs,
        releases: (releases.data?.items ?? []).filter((r) => r.kind === 'release'),
        incidents: (incidents.data?.items ?? [])
          .filter((i) => topic === undefined || i.topic === topic)
          .map((i) => ({
            startMs: Date.parse(i.start),
            endMs: i.end ? Date.parse(i.end) : null,
            label: `${t('incidentPeriod')}: ${i.topic ? labels.topic(i.topic) : i.channels.map(labels.channel).join(', ')}`,
          })),
      }),
    [ts, labelOf, bucket, k, t, rangeEndMs, releases.data, incidents.data, topic, labels],
  );
  const open = useCallback(
    (key: string, index?: number) => {
      const span = index === undefined ? undefined : shape.spans[index];
      const base: Filters = { ...filters };
      const dim = FILTER_OF[ts.by];
      if (key !== HIDDEN_KEY && key !== 'rest') base[dim] = key;
      const start = span?.startMs ?? Date.parse(`${ts.range.from}T00:00:00+07:00`);
      const end = span?.endMs ?? rangeEndMs;
      navigate(
        drillLink(
          { topic: topic ?? base.topic ?? null, startMs: start, endMs: end },
          canReadText(user),
          base,
        ),
      );
    },
    [shape, filters, ts, topic, rangeEndMs, navigate, user],
  );
  return (
    <Chart
      kind="stacked"
      shape={shape}
      label={title}
      suppressedLabel={`< ${k}`}
      formatNumber={num}
      height={height}
      notes={shape.notes}
      markers={shape.markers}
      bands={shape.bands}
      onBarClick={open}
      onLegendClick={(key) => open(key)}
    />
  );
}
