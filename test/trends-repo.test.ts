import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgeAlert,
  addRelease,
  closeAlert,
  extendAlert,
  getReportFile,
  insertAlert,
  listActiveAlerts,
  listAlerts,
  listReleases,
  listReports,
  saveReport,
} from '../db/trends.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 16, 0);

describe.each(DIALECTS)('trends repository on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('stores an alert once per incident, lists it with its release marker and acknowledges it', async () => {
    const releaseId = await addRelease(
      t.db,
      { at: T0 - 2 * H, label: '2.1.5', kind: 'release', createdBy: 'a@x' },
      T0,
    );
    const alert = {
      scope: 'topic' as const,
      seriesKey: 'topic:login',
      topic: 'login',
      channel: null,
      windowStart: T0,
      windowEnd: T0 + H,
      observed: 40,
      expected: 5.5,
      score: 12.3,
      sampleMessageIds: [3, 1, 2],
      releaseId,
    };
    const first = await insertAlert(t.db, alert, T0 + H);
    const again = await insertAlert(t.db, alert, T0 + H);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    await extendAlert(
      t.db,
      first.id,
      { windowEnd: T0 + 3 * H, observed: 90, expected: 16, score: 14 },
      T0 + 3 * H,
    );

    const { items, total } = await listAlerts(t.db, { topic: 'login', fromMs: T0, toMs: T0 + H });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      id: first.id,
      status: 'open',
      windowEnd: T0 + 3 * H,
      observed: 90,
      expected: 16,
      score: 14,
      sampleMessageIds: [3, 1, 2],
      release: { id: releaseId, label: '2.1.5', kind: 'release', at: T0 - 2 * H },
    });
    expect((await listAlerts(t.db, { channel: 'zalo' })).total).toBe(0);
    expect((await listAlerts(t.db, { fromMs: T0 + 3 * H })).total).toBe(0);

    expect(await acknowledgeAlert(t.db, first.id, 'b@x', T0 + 4 * H)).toBe(true);
    expect(await acknowledgeAlert(t.db, first.id, 'c@x', T0 + 5 * H)).toBe(true);
    expect(await acknowledgeAlert(t.db, 999_999, 'c@x', T0)).toBe(false);
    const acked = (await listAlerts(t.db, { status: 'acknowledged' })).items[0];
    expect(acked).toMatchObject({ acknowledgedBy: 'b@x', acknowledgedAt: T0 + 4 * H });
    expect((await listActiveAlerts(t.db)).map((a) => a.id)).toEqual([first.id]);
    await closeAlert(t.db, first.id, T0 + 9 * H);
    expect(await listActiveAlerts(t.db)).toEqual([]);
    expect((await listAlerts(t.db, { status: 'closed' })).items[0]?.acknowledgedBy).toBe('b@x');
  });

  it('lists releases in a range, oldest first', async () => {
    await addRelease(t.db, { at: T0 + 10 * H, label: 'outage', kind: 'incident', createdBy: 'a@x' }, T0);
    const all = await listReleases(t.db, { fromMs: T0 - 3 * H });
    expect(all.map((r) => r.label)).toEqual(['2.1.5', 'outage']);
    expect((await listReleases(t.db, { fromMs: T0, toMs: T0 + 11 * H })).map((r) => r.kind)).toEqual([
      'incident',
    ]);
  });

  it('keeps one report per week and language and serves each format', async () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const base = {
      week: '2026-W47',
      lang: 'vi' as const,
      csv: 'a,b\n',
      modelVersion: 'kw-1',
      method: 'm',
      createdBy: null,
    };
    const id = await saveReport(t.db, { ...base, html: '<p>một</p>', pdf }, T0);
    const id2 = await saveReport(t.db, { ...base, html: '<p>hai</p>', pdf }, T0 + 1);
    expect(id2).toBe(id);
    const reports = await listReports(t.db);
    expect(reports).toEqual([
      {
        id,
        week: '2026-W47',
        lang: 'vi',
        createdAt: T0 + 1,
        modelVersion: 'kw-1',
        method: 'm',
        createdBy: null,
      },
    ]);
    const html = await getReportFile(t.db, id, 'html');
    expect(html?.body.toString('utf8')).toBe('<p>hai</p>');
    expect(html?.filename).toBe('vneid-feedback-2026-W47-vi.html');
    const file = await getReportFile(t.db, id, 'pdf');
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.body.equals(pdf)).toBe(true);
    expect(await getReportFile(t.db, id + 100, 'csv')).toBeUndefined();
  });
});
