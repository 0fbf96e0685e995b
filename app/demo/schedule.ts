/**
 * Gives the sample's conversations times over the last weeks, against the real clock: a daily rhythm
 * in local time (quiet nights, morning and evening peaks), quieter weekends, slow growth, the day
 * after release 2.1.5 when Zalo users stopped receiving OTPs, and an incident still running now
 * (face/NFC on Telegram after hotfix 2.1.6) for the spike detector to catch. Pure and seeded.
 */
import { type Conversation, pickWeighted, seededRandom } from './sample.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Relative volume by local hour 0-23, and by weekday (0 = Sunday).
const BY_HOUR = [
  0.15, 0.08, 0.05, 0.05, 0.08, 0.25, 0.6, 1.0, 1.5, 1.7, 1.6, 1.4, 1.0, 1.0, 1.3, 1.4, 1.3, 1.1, 1.0, 1.2,
  1.5, 1.6, 1.1, 0.5,
];
const BY_WEEKDAY = [0.55, 1.2, 1.1, 1.1, 1.05, 1.0, 0.65];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface DemoEvent {
  conversation: Conversation;
  /** -1: the /start or follow before the first message; otherwise the index into `texts`. */
  step: number;
  /** Platform time (epoch ms). */
  at: number;
  /** Delivered twice, as platforms do when an acknowledgement is slow. */
  repeat: boolean;
  /** 0 for the backfill; live deliveries after it count up, so their platform ids stay unique. */
  round: number;
}

export interface Release {
  at: number;
  label: string;
  kind: 'release' | 'incident';
}

export interface Schedule {
  /** In replay order: newest local day first, in time order within a day, so recent charts fill first. */
  events: DemoEvent[];
  releases: Release[];
}

export interface ScheduleOptions {
  now: number;
  tz: string;
  days?: number;
  seed?: number;
  /** Share of deliveries sent twice. */
  repeatRate?: number;
}

interface Slot {
  start: number;
  hour: number;
  day: string;
  weight: number;
}

export function scheduleSample(sample: readonly Conversation[], opts: ScheduleOptions): Schedule {
  const rnd = seededRandom(opts.seed ?? 7);
  const days = opts.days ?? 42;
  const repeatRate = opts.repeatRate ?? 0.03;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: opts.tz,
    hourCycle: 'h23',
    hour: '2-digit',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const localOf = (ms: number) => {
    const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, x.value]));
    return {
      hour: Number(p['hour']),
      weekday: WEEKDAYS.indexOf(p['weekday'] ?? 'Mon'),
      day: `${p['year']}-${p['month']}-${p['day']}`,
    };
  };
  const lastHour = Math.floor(opts.now / HOUR_MS) * HOUR_MS;
  const first = lastHour - days * DAY_MS;
  const slots: Slot[] = [];
  for (let start = first; start <= lastHour; start += HOUR_MS) {
    const l = localOf(start);
    const growth = 0.85 + (0.3 * (start - first)) / (lastHour - first);
    slots.push({
      start,
      hour: l.hour,
      day: l.day,
      weight: (BY_HOUR[l.hour] ?? 1) * (BY_WEEKDAY[l.weekday] ?? 1) * growth,
    });
  }
  // Release 2.1.5 went out at 09:00 local ten days ago; hotfix 2.1.6 three hours ago.
  const releaseSlot = slots.find((s) => s.start >= opts.now - 10 * DAY_MS && s.hour === 9) ?? slots[0];
  const releaseAt = releaseSlot?.start ?? first;
  const hotfixAt = lastHour - 3 * HOUR_MS;
  const releases: Release[] = [
    { at: releaseAt, label: 'VNeID 2.1.5', kind: 'release' },
    { at: hotfixAt, label: 'VNeID 2.1.6 (hotfix)', kind: 'release' },
  ];

  const weightsFor = (spike: Conversation['spike']) =>
    slots.map((s) => {
      if (spike === 'release') {
        const h = (s.start - releaseAt) / HOUR_MS;
        return h < 0 || h >= 26 ? 0 : (BY_HOUR[s.hour] ?? 1) * Math.exp(-h / 14);
      }
      if (spike === 'live') {
        const h = (s.start - hotfixAt) / HOUR_MS;
        return h < 0 ? 0 : 1 + h;
      }
      return s.weight;
    });
  const weights = {
    none: weightsFor(undefined),
    release: weightsFor('release'),
    live: weightsFor('live'),
  };

  const dated: Array<DemoEvent & { day: string }> = [];
  const latest = opts.now - 5_000;
  for (const conversation of sample) {
    const slot = slots[pickWeighted(weights[conversation.spike ?? 'none'], rnd)];
    if (!slot) continue;
    let at = Math.min(slot.start + Math.floor(rnd() * HOUR_MS), latest);
    const push = (step: number, time: number) => {
      const t = Math.min(time, latest);
      dated.push({ conversation, step, at: t, repeat: rnd() < repeatRate, round: 0, day: localOf(t).day });
    };
    if (conversation.greets) push(-1, at - 10_000 - Math.floor(rnd() * 50_000));
    for (const [step] of conversation.texts.entries()) {
      push(step, at);
      at += 60_000 + Math.floor(rnd() * 7 * 60_000);
    }
  }
  dated.sort((a, b) => (a.day === b.day ? a.at - b.at : a.day < b.day ? 1 : -1));
  return { events: dated.map(({ day: _day, ...e }) => e), releases };
}
