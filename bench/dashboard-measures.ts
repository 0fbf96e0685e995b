/** What bench:dashboard requests, and how it sums them up (see dashboard.bench.ts). */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { searchTerms } from '../db/dashboard-messages.ts';
import type { Db } from '../db/database.ts';

/** p95, rounded to 0.1 ms. */
export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0) * 10) / 10
  );
}

const localDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

export function aggregateUrls(end: number): Record<string, string[]> {
  const d = (daysBack: number) => localDate(end - daysBack * 86_400_000);
  return {
    'overview (30 days)': [
      '/api/overview',
      '/api/overview?channel=zalo',
      '/api/overview?sentiment=negative&lang=vi',
    ],
    'overview (90 days)': [`/api/overview?from=${d(89)}`],
    'timeseries by topic, day (30 days)': [
      '/api/timeseries?by=topic',
      '/api/timeseries?by=topic&channel=facebook',
    ],
    'timeseries by channel, hour (7 days)': [`/api/timeseries?by=channel&bucket=hour&from=${d(6)}`],
    'timeseries by sentiment, week (90 days)': [`/api/timeseries?by=sentiment&bucket=week&from=${d(89)}`],
    'topic detail (30 days)': [
      '/api/topics/login',
      '/api/topics/foreigner',
      '/api/topics/otp?channel=telegram',
    ],
  };
}

export function searchUrls(end: number): Record<string, string[]> {
  const d = (daysBack: number) => localDate(end - daysBack * 86_400_000);
  return {
    'search common phrase': ['/api/messages?q=dang%20nhap', '/api/messages?q=ma%20otp'],
    'search + filters (90 days)': [
      `/api/messages?q=chip%20nfc&channel=zalo&from=${d(89)}`,
      `/api/messages?q=treo&sentiment=negative&from=${d(89)}`,
    ],
    'search rare term, page 3': ['/api/messages?q=passport&page=3', '/api/messages?q=passcode&page=3'],
  };
}

/** Every match of a search over all stored messages, counted exactly (not capped like the API). */
async function countMatches(db: Db, q: string): Promise<number> {
  const terms = searchTerms(q);
  if (db.dialect === 'sqlite') {
    const match = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
    const r = await sql<{
      n: number;
    }>`select count(*) as n from messages_fts where messages_fts match ${match}`.execute(db.kysely);
    return Number(r.rows[0]?.n ?? 0);
  }
  const query = terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
  const r = await sql<{ n: number }>`select count(*) as n from messages m
    where to_tsvector('simple', m.text_redacted || ' ' || m.text_normalised) @@ to_tsquery('simple', ${query})`.execute(
    db.kysely,
  );
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Does search in time order slow down with the number of matches? The first page of searches from
 * rare to very common over every stored day, median of 7 requests each; prints the table and the
 * slowest against the fastest.
 */
export async function searchScaling(
  db: Db,
  range: { end: number; days: number },
  get: (url: string) => Promise<number>,
): Promise<void> {
  const from = localDate(range.end - (range.days - 1) * 86_400_000);
  const queries = ['passport', 'camera', 'treo', 'dang nhap', 'ma otp', 'ho tro', 'khong'];
  console.log('\nsearch, first page newest first over all days, by number of matches (median of 7):');
  const points: Array<{ q: string; n: number; ms: number }> = [];
  for (const q of queries) {
    const n = await countMatches(db, q);
    const url = `/api/messages?q=${encodeURIComponent(q)}&from=${from}`;
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) {
      const ms = await get(url);
      if (i >= 2) samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    const ms = samples[3] ?? 0;
    points.push({ q, n, ms });
    console.log(
      `  ${`"${q}"`.padEnd(12)} ${n.toLocaleString('en').padStart(12)} matches  ${ms.toFixed(1).padStart(8)} ms`,
    );
  }
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const few = sorted[0];
  const many = sorted[sorted.length - 1];
  if (few && many && few.n > 0) {
    console.log(
      `  ${(many.n / few.n).toFixed(0)}× the matches: ${(many.ms / few.ms).toFixed(1)}× the time ` +
        `(${few.ms.toFixed(1)} → ${many.ms.toFixed(1)} ms)`,
    );
  }
}

/** Gzipped size of what the first page loads (index.html plus the scripts and styles it references). */
export function bundleKbGz(root: string): number {
  const dist = join(root, 'dashboard', 'web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    execFileSync(
      join(root, 'node_modules', '.bin', 'vite'),
      ['build', '--config', join(root, 'dashboard/web/vite.config.ts')],
      {
        stdio: 'pipe',
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
  }
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  let bytes = gzipSync(html, { level: 9 }).length;
  for (const a of new Set(assets)) bytes += gzipSync(readFileSync(join(dist, a)), { level: 9 }).length;
  return Math.round((bytes / 1024) * 10) / 10;
}
