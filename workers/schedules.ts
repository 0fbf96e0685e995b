/**
 * Repeating jobs as BullMQ job schedulers. `upsertJobScheduler` is keyed by the scheduler id, so every
 * worker process can call `registerSchedules` at start-up (and after a Redis restart) and there is
 * still exactly one scheduler of each: no duplicate spike checks, one weekly report.
 */
import type { Queue } from 'bullmq';
import type { JobMap } from './jobs.ts';

export const DETECT_SPIKES_EVERY_MS = 5 * 60_000;
/** Urgent cases reach the team chat within about a minute. */
export const URGENT_DIGEST_EVERY_MS = 60_000;
/** Mondays 08:00 in TZ_REPORTS; the job then reports the previous ISO week. */
export const WEEKLY_REPORT_CRON = '0 8 * * 1';
/** Daily at 03:10 in TZ_REPORTS: the retention policy (db/retention.ts). */
export const RETENTION_CRON = '10 3 * * *';

/** `queue` is the maintenance queue (JOB_QUEUE['detect-spikes'] = JOB_QUEUE['weekly-report']). */
export async function registerSchedules(queue: Queue, tz: string): Promise<void> {
  const spikes: JobMap['detect-spikes'] = {};
  await queue.upsertJobScheduler(
    'detect-spikes',
    { every: DETECT_SPIKES_EVERY_MS },
    {
      name: 'detect-spikes',
      data: spikes,
      // The next run comes in five minutes anyway: do not pile up retries or completed jobs.
      opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    },
  );
  const urgent: JobMap['urgent-digest'] = {};
  await queue.upsertJobScheduler(
    'urgent-digest',
    { every: URGENT_DIGEST_EVERY_MS },
    {
      name: 'urgent-digest',
      data: urgent,
      opts: { attempts: 3, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    },
  );
  const retention: JobMap['retention'] = {};
  await queue.upsertJobScheduler(
    'retention',
    { pattern: RETENTION_CRON, tz },
    {
      name: 'retention',
      data: retention,
      opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 20 } },
    },
  );
  const report: JobMap['weekly-report'] = {};
  await queue.upsertJobScheduler(
    'weekly-report',
    { pattern: WEEKLY_REPORT_CRON, tz },
    {
      name: 'weekly-report',
      data: report,
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: { count: 20 } },
    },
  );
}
