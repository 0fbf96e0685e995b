import { describe, expect, it } from 'vitest';
import { type AlertLike, groupIncidents, incidentTrend } from './incidents.ts';
import { scoreRange } from './range.ts';

const H = 3_600_000;
const alert = (over: Partial<AlertLike> & Pick<AlertLike, 'id'>): AlertLike => ({
  scope: 'topic',
  topic: 'face_nfc',
  channel: null,
  windowStart: 10 * H,
  windowEnd: 13 * H,
  observed: 60,
  expected: 6,
  active: true,
  releaseId: null,
  ...over,
});

describe('groupIncidents', () => {
  const onTelegram = (topic: string | null, channel: string) =>
    channel === 'telegram' && (topic === null || topic === 'face_nfc') ? 50 : 2;

  it('one running topic alert, its channel alert joined because the topic explains it', () => {
    const groups = groupIncidents(
      [
        alert({ id: 7 }),
        alert({ id: 8, scope: 'channel', topic: null, channel: 'telegram', observed: 70, expected: 20 }),
      ],
      onTelegram,
      ['facebook', 'telegram', 'zalo'],
    );
    expect(groups).toEqual([
      expect.objectContaining({
        id: 7,
        topic: 'face_nfc',
        channels: ['telegram'],
        start: 10 * H,
        end: null,
        alertIds: [7, 8],
      }),
    ]);
  });

  it('alerts of one topic that overlap or touch are one incident; a later one is another; closed ones have an end', () => {
    const groups = groupIncidents(
      [
        alert({ id: 1, active: false }),
        alert({ id: 2, windowStart: 13 * H, windowEnd: 15 * H, active: false }),
        alert({ id: 3, windowStart: 40 * H, windowEnd: 41 * H }),
      ],
      onTelegram,
      ['facebook', 'telegram', 'zalo'],
    );
    expect(groups.map((g) => [g.id, g.start, g.end, g.alertIds])).toEqual([
      [1, 10 * H, 15 * H, [1, 2]],
      [3, 40 * H, null, [3]],
    ]);
  });

  it('a channel alert no topic explains is an incident of its own; a topic alert alone takes the channels carrying it', () => {
    const groups = groupIncidents(
      [
        alert({ id: 1 }),
        alert({ id: 2, scope: 'channel', topic: null, channel: 'zalo', observed: 80, expected: 10 }),
      ],
      onTelegram,
      ['facebook', 'telegram', 'zalo'],
    );
    expect(groups.map((g) => [g.id, g.topic, g.channels])).toEqual([
      [1, 'face_nfc', ['telegram']],
      [2, null, ['zalo']],
    ]);
  });
});

describe('incidentTrend', () => {
  it('compares hourly excess, counting the current hour as a rate', () => {
    const h = (observed: number) => ({ observed, expected: 2 });
    expect(incidentTrend([h(10), h(20), h(30), h(40)])).toBe('rising');
    expect(incidentTrend([h(40), h(30), h(20), h(10)])).toBe('easing');
    // 15 messages in the first half of the hour is 30 an hour: still rising after 20.
    expect(incidentTrend([h(10), h(20), { observed: 15, expected: 1 }], { lastHourFraction: 0.5 })).toBe(
      'rising',
    );
    // A few minutes into the hour say nothing yet.
    expect(incidentTrend([h(10), h(20), { observed: 1, expected: 0.1 }], { lastHourFraction: 0.1 })).toBe(
      'rising',
    );
  });
});

describe('scoreRange', () => {
  const history = Float64Array.from({ length: 28 * 24 }, () => 2);
  it('is unremarkable for the usual volume and unusual for a surge, with since at the surge', () => {
    const usual = Float64Array.from({ length: 24 }, () => 2);
    expect(scoreRange(history, usual, 0)?.score).toBeLessThan(1);
    const surge = Float64Array.from({ length: 24 }, (_, i) => (i >= 9 ? 12 : 2));
    const r = scoreRange(history, surge, 1_000 * H);
    expect(r?.expected).toBeCloseTo(48, 5);
    expect(r?.score).toBeGreaterThan(6);
    expect(r?.since).toBe(1_000 * H + 9 * H);
  });
  it('needs a day of history and never counts the time before it', () => {
    expect(scoreRange(new Float64Array(10), new Float64Array(24), 0)).toBeNull();
  });
});
