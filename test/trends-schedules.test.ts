import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAINTENANCE_QUEUE } from '../workers/jobs.ts';
import { registerSchedules } from '../workers/schedules.ts';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('job schedulers (real Redis)', () => {
  const prefix = `test-${randomBytes(6).toString('hex')}`;
  let connection: Redis;
  let queues: Queue[];
  beforeAll(() => {
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    // Several "workers", each with its own Queue object, as separate processes would have.
    queues = [1, 2, 3].map(() => new Queue(MAINTENANCE_QUEUE, { connection, prefix }));
  });
  afterAll(async () => {
    await queues[0]?.obliterate({ force: true });
    for (const q of queues) await q.close();
    const left = await connection.keys(`${prefix}:*`);
    if (left.length) await connection.del(...left);
    await connection.quit();
  });

  it('registers exactly one scheduler of each however many workers start, at the right times', async () => {
    await Promise.all(queues.map((q) => registerSchedules(q, 'Asia/Ho_Chi_Minh')));
    for (const q of queues) await registerSchedules(q, 'Asia/Ho_Chi_Minh');
    const q = queues[0];
    if (!q) throw new Error('no queue');
    const schedulers = await q.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual([
      'detect-spikes',
      'retention',
      'urgent-digest',
      'weekly-report',
    ]);
    expect(await q.getJobSchedulersCount()).toBe(4);
    const weekly = schedulers.find((s) => s.key === 'weekly-report');
    expect(weekly?.pattern).toBe('0 8 * * 1');
    expect(weekly?.tz).toBe('Asia/Ho_Chi_Minh');
    // Next run: a Monday at 08:00 in Hanoi = 01:00 UTC.
    const next = new Date(weekly?.next ?? 0);
    expect([next.getUTCDay(), next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 1, 0]);
    expect(schedulers.find((s) => s.key === 'detect-spikes')?.every).toBe(300_000);
    expect(schedulers.find((s) => s.key === 'urgent-digest')?.every).toBe(60_000);
    // One pending job per scheduler, not one per registration.
    const delayed = await q.getJobs(['delayed', 'waiting']);
    expect(delayed.map((j) => j.name).sort()).toEqual([
      'detect-spikes',
      'retention',
      'urgent-digest',
      'weekly-report',
    ]);
    // Retention daily at 03:10 in Hanoi = 20:10 UTC.
    const retention = new Date(schedulers.find((s) => s.key === 'retention')?.next ?? 0);
    expect([retention.getUTCHours(), retention.getUTCMinutes()]).toEqual([20, 10]);
  });
});
