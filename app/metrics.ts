import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  webhook: Counter<'channel' | 'outcome'>;
  stored: Counter<'channel'>;
  processed: Counter<'channel'>;
  failed: Counter<'queue'>;
  replies: Counter<'channel' | 'outcome'>;
  latency: Histogram<'channel'>;
  stage: Counter<'stage'>;
  queueDepth: Gauge<'queue' | 'state'>;
}

/**
 * Prometheus metrics. Queue depth is read from Redis at scrape time, so it is right whichever process
 * runs the workers; the counters count what this process did.
 */
export function createMetrics(queueCounts?: () => Promise<Record<string, Record<string, number>>>): Metrics {
  const registry = new Registry();
  const queueDepth = new Gauge({
    name: 'feedback_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      if (!queueCounts) return;
      try {
        const counts = await queueCounts();
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      } catch {
        // Redis down: the gauge keeps its last values; /readyz reports the outage.
      }
    },
  });
  return {
    registry,
    webhook: new Counter({
      name: 'feedback_webhook_requests_total',
      help: 'Webhook requests by channel and outcome (accepted, duplicate, ignored, unauthorized, malformed, error)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    stored: new Counter({
      name: 'feedback_events_received_total',
      help: 'Events durably stored in the inbox',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    processed: new Counter({
      name: 'feedback_events_processed_total',
      help: 'Inbox events turned into messages',
      labelNames: ['channel'] as const,
      registers: [registry],
    }),
    failed: new Counter({
      name: 'feedback_jobs_failed_total',
      help: 'Job attempts that failed',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    replies: new Counter({
      name: 'feedback_replies_total',
      help: 'Reply attempts by outcome (sent, failed, retry)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'feedback_processing_latency_seconds',
      help: 'From inbox write to classified message',
      labelNames: ['channel'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    stage: new Counter({
      name: 'feedback_pipeline_stage_seconds_total',
      help: 'Time the pipeline spent per stage: analyse (parse, normalise, redact, classify), store (the transaction), replies (queuing them)',
      labelNames: ['stage'] as const,
      registers: [registry],
    }),
    queueDepth,
  };
}
