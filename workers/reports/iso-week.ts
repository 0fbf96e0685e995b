/**
 * ISO weeks (`2026-W47`, Monday to Sunday) and their bounds in a time zone. The report's week runs
 * from local Monday 00:00 to the next local Monday 00:00, as epoch ms.
 */

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

export interface WeekBounds {
  week: string;
  start: number;
  end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();

/**
 * Offset of `tz` from UTC at instant `ms`, in ms (positive east of Greenwich). Zone offsets change only
 * on quarter-hour boundaries, so results are cached per quarter hour: reports bucket many thousands of
 * timestamps and formatToParts is slow.
 */
export function tzOffsetMs(ms: number, tz: string): number {
  let zone = offsets.get(tz);
  if (!zone || zone.size > 200_000) {
    zone = new Map();
    offsets.set(tz, zone);
  }
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    offset = computeOffset(bucket * QUARTER_HOUR, tz);
    zone.set(bucket, offset);
  }
  return offset;
}

function computeOffset(ms: number, tz: string): number {
  const parts = formatter(tz).formatToParts(ms);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** Epoch ms of local midnight starting the calendar day y-m-d in `tz`. */
export function localMidnight(y: number, m: number, d: number, tz: string): number {
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - tzOffsetMs(guess, tz);
  return guess - tzOffsetMs(first, tz);
}

/** Local calendar date of an instant. */
export function localDate(ms: number, tz: string): { y: number; m: number; d: number } {
  const shifted = new Date(ms + tzOffsetMs(ms, tz));
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth() + 1, d: shifted.getUTCDate() };
}

/** Local midnight of the day containing `ms` (how author_days buckets). */
export function dayStart(ms: number, tz: string): number {
  const offset = tzOffsetMs(ms, tz);
  // Fast path: the same offset at local midnight (no transition that day) gives the answer directly.
  const guess = Math.floor((ms + offset) / DAY_MS) * DAY_MS - offset;
  if (tzOffsetMs(guess, tz) === offset) return guess;
  const { y, m, d } = localDate(ms, tz);
  return localMidnight(y, m, d, tz);
}

function isoWeekOfDate(y: number, m: number, d: number): { year: number; week: number } {
  const date = new Date(Date.UTC(y, m - 1, d));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow); // the Thursday decides the year
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return { year, week };
}

export function formatWeek(year: number, week: number): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function isValidWeek(week: string): boolean {
  const m = WEEK_RE.exec(week);
  if (!m) return false;
  const year = Number(m[1]);
  const w = Number(m[2]);
  // A year has week 53 when its 28 December falls in week 53.
  return w >= 1 && w <= isoWeekOfDate(year, 12, 28).week;
}

/** The ISO week containing `ms` in `tz`. */
export function weekOf(ms: number, tz: string): string {
  const { y, m, d } = localDate(ms, tz);
  const { year, week } = isoWeekOfDate(y, m, d);
  return formatWeek(year, week);
}

/** Local Monday 00:00 to the next Monday 00:00. Throws on a malformed week. */
export function weekBounds(week: string, tz: string): WeekBounds {
  const m = WEEK_RE.exec(week);
  if (!m || !isValidWeek(week)) throw new Error(`not an ISO week (YYYY-Www): ${week}`);
  const year = Number(m[1]);
  const w = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS + (w - 1) * 7 * DAY_MS);
  const next = new Date(monday.getTime() + 7 * DAY_MS);
  return {
    week,
    start: localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), tz),
    end: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz),
  };
}

/** The week `n` weeks before `week` (n = 1: the previous one). */
export function weekBefore(week: string, tz: string, n = 1): string {
  const { start } = weekBounds(week, tz);
  return weekOf(start - n * 7 * DAY_MS + DAY_MS / 2, tz);
}

/** The last complete week before `now` (what Monday's scheduled report covers). */
export function previousWeek(now: number, tz: string): string {
  return weekBefore(weekOf(now, tz), tz);
}
