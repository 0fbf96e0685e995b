/**
 * `npm run bench:dashboard [-- --rows N] [--db sqlite|postgres] [--reuse]`: N messages (default
 * 1,000,000) at 30,000 a day (at least 90 days, at most a year) on either dialect; p95 latency of every
 * aggregate endpoint and of full-text search through app.inject, warm and cold (a fresh server and
 * connection: nothing cached; then again right after an import); whether search in time order slows
 * down with the number of matches; gzipped size of the first page's JS and CSS.
 * Last line: {"dialect","aggregate_p95_ms","aggregate_cold_p95_ms","search_p95_ms","bundle_kb_gz","rows"}.
 */
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { loadConfig } from '../app/config.ts';
import { createDashboard } from '../dashboard/server/index.ts';
import { createDb } from '../db/database.ts';
import { createUser } from '../db/users.ts';
import { openBenchDatabase } from './dashboard-db.ts';
import { aggregateUrls, bundleKbGz, p95, searchScaling, searchUrls } from './dashboard-measures.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    reuse: { type: 'boolean', default: false },
  },
});
if (args.db !== 'sqlite' && args.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
const DIALECT = args.db;
const ROWS = Number(args.rows ?? 1_000_000);
const DAYS = Math.min(365, Math.max(90, Math.ceil(ROWS / 30_000)));
const AUTHORS = Math.max(150_000, Math.round(ROWS / 10));
const IMPORT_ROWS = Math.max(1_000, Math.round(ROWS / 200));
const RUNS = 40;
const COLD_RUNS = Number(process.env['BENCH_COLD_RUNS'] ?? 5);
const ROOT = import.meta.dirname ? `${import.meta.dirname}/..` : process.cwd();
const PG_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const END = Date.UTC(2026, 10, 20, 5, 0);

const bench = await openBenchDatabase(
  DIALECT,
  { rows: ROWS, days: DAYS, endMs: END, authors: AUTHORS },
  { reuse: args.reuse, root: ROOT, pgUrl: PG_URL },
);

/** A fresh server on its own connection: nothing cached (roll-up days, suppression decisions). */
async function startApp() {
  const db = await createDb(bench.url);
  const app = Fastify();
  const dashboard = createDashboard({
    config: loadConfig({}),
    db,
    now: () => END,
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    enqueue: async () => {},
  });
  await app.register(dashboard.api, { prefix: '/api' });
  await app.ready();
  return {
    db,
    async get(url: string, cookie: string): Promise<number> {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
      return ms;
    },
    async login(): Promise<string> {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'bench@example.vn', password: 'bench password 1' },
      });
      return `vneid_session=${res.cookies.find((c) => c.name === 'vneid_session')?.value}`;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

try {
  const setup = await createDb(bench.url);
  await setup.kysely.deleteFrom('dashboard_users').where('email', '=', 'bench@example.vn').execute();
  await createUser(setup, { email: 'bench@example.vn', role: 'analyst', password: 'bench password 1' }, END);
  await setup.close();
  const aggregate = aggregateUrls(END);
  const search = searchUrls(END);

  // Cold: the first request to a fresh server (its background warm-up of the default view starts at
  // the same moment, as after a restart), COLD_RUNS servers per endpoint group.
  let cookie = '';
  async function cold(label: string): Promise<number> {
    let worst = 0;
    console.log(`\ncold, ${label}: p95 of the first request to ${COLD_RUNS} fresh servers`);
    for (const [name, urls] of Object.entries(aggregate)) {
      const samples: number[] = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        const app = await startApp();
        if (!cookie) cookie = await app.login();
        samples.push(await app.get(urls[i % urls.length] ?? '/', cookie));
        await app.close();
      }
      const ms = p95(samples);
      worst = Math.max(worst, ms);
      console.log(`  aggregate  ${name.padEnd(42)} ${ms.toFixed(1).padStart(7)} ms`);
    }
    return worst;
  }
  const coldStart = await cold('nothing cached');

  const app = await startApp();
  async function measure(urls: string[]): Promise<{ p95: number; first: number }> {
    const samples: number[] = [];
    let first = 0;
    for (let i = 0; i < RUNS + 5; i++) {
      const ms = await app.get(urls[i % urls.length] ?? '/', cookie);
      if (i === 0) first = ms;
      if (i >= 5) samples.push(ms);
    }
    return { p95: p95(samples), first: Math.round(first) };
  }
  console.log(
    `\nwarm: p95 over ${RUNS} requests each after 5 (${ROWS.toLocaleString('en')} messages, ${DAYS} days):`,
  );
  let aggregateP95 = 0;
  for (const [name, urls] of Object.entries(aggregate)) {
    const { p95: ms, first } = await measure(urls);
    aggregateP95 = Math.max(aggregateP95, ms);
    console.log(
      `  aggregate  ${name.padEnd(42)} ${ms.toFixed(1).padStart(7)} ms  (target < 50; first ${first} ms)`,
    );
  }
  let searchP95 = 0;
  for (const [name, urls] of Object.entries(search)) {
    const { p95: ms, first } = await measure(urls);
    searchP95 = Math.max(searchP95, ms);
    console.log(
      `  search     ${name.padEnd(42)} ${ms.toFixed(1).padStart(7)} ms  (target < 300; first ${first} ms)`,
    );
  }
  await searchScaling(app.db, { end: END, days: DAYS }, (url) => app.get(url, cookie));
  await app.close();

  // Right after an import: history written into recent days, then fresh servers again.
  const t0 = performance.now();
  const undo = await bench.importRows({
    rows: IMPORT_ROWS,
    days: 7,
    endMs: END,
    authors: AUTHORS,
    seed: 7,
    firstId: ROWS + 1,
    idPrefix: 'imp',
  });
  console.log(
    `\nimported ${IMPORT_ROWS.toLocaleString('en')} messages into the last 7 days in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const coldImport = await cold('right after the import');
  await undo();

  const kb = bundleKbGz(ROOT);
  console.log(`\nfirst-page bundle, gzipped: ${kb} KB (target < 350)\n`);
  console.log(
    JSON.stringify({
      dialect: DIALECT,
      aggregate_p95_ms: aggregateP95,
      aggregate_cold_p95_ms: Math.max(coldStart, coldImport),
      search_p95_ms: searchP95,
      bundle_kb_gz: kb,
      rows: ROWS,
    }),
  );
} finally {
  await bench.close();
}
