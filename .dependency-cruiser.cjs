/**
 * Import rules of the tree, checked by `npm test` (`npm run check:imports`). docs/architecture.md
 * explains each rule and lists the known violations with the move that removes each one.
 *
 * The pure domain core has no `core/` folder yet. Until it does, these files stand for it (CORE):
 * the analysis and trend maths (`workers/analysis/`, including `trends/`), the event types
 * (`bots/shared/events.ts`), the error classes (`bots/shared/errors.ts`), pseudonyms and reference
 * codes (`bots/shared/pseudonym.ts`), the citizen conversation and its texts
 * (`bots/shared/conversation.ts`, `replies.json`), the scam and urgent-case signals (`bots/shared/signals.ts`) and the ISO-week calendar
 * (`workers/reports/iso-week.ts`). When `core/` exists, CORE becomes `^core/`.
 *
 * The connector interface (`bots/shared/connector.ts`: `Connector`, `ConnectorDeps`, `Logger`) is what
 * workers may use of `bots/`.
 *
 * Tests (`*.test.ts(x)` anywhere, and everything under `test/`) may import anything; bench/ may import
 * anything but `test/`. Each rule below names its edges so that one import breaks at most one rule.
 */
const CORE =
  '^(workers/analysis/|bots/shared/(events|errors|pseudonym|conversation|signals)\\.ts$|bots/shared/replies\\.json$|workers/reports/iso-week\\.ts$)';
const CONNECTOR_INTERFACE = '^bots/shared/connector\\.ts$';
const OURS = '^(app|bots|workers|dashboard|db|test|bench)/';
const TESTS = '(\\.test\\.tsx?$)|(^test/)';
/** Imports handled by their own rules, so the folder rules do not count them twice. */
const OWN_RULES = '^(app|test)/';

module.exports = {
  forbidden: [
    {
      name: 'core-imports-nothing-of-ours',
      comment: 'The pure core imports nothing of ours outside itself.',
      severity: 'error',
      from: { path: CORE, pathNot: TESTS },
      to: { path: OURS, pathNot: `${CORE}|${OWN_RULES}` },
    },
    {
      name: 'core-does-no-io',
      comment: 'The core does no I/O: no files, network, processes, database, queues or HTTP.',
      severity: 'error',
      from: { path: CORE, pathNot: TESTS },
      to: {
        path: '^(node:)?(fs|fs/promises|net|tls|http|https|http2|dgram|dns|child_process|cluster|worker_threads)$|^node_modules/(better-sqlite3|pg|kysely|bullmq|ioredis|fastify|@fastify/[^/]+|telegraf|dotenv)/',
      },
    },
    {
      name: 'db-imports-only-core',
      comment: 'db/ imports only itself and the core.',
      severity: 'error',
      from: { path: '^db/', pathNot: TESTS },
      to: { path: OURS, pathNot: `^db/|${CORE}|${OWN_RULES}` },
    },
    {
      name: 'bots-import-only-core-and-db',
      comment: 'bots/ imports only itself, the core and db/ (the intake writes the inbox).',
      severity: 'error',
      from: { path: '^bots/', pathNot: `${TESTS}|${CORE}` },
      to: { path: OURS, pathNot: `^bots/|^db/|${CORE}|${OWN_RULES}` },
    },
    {
      name: 'platforms-stay-apart',
      comment: 'A platform folder imports no other platform: shared code lives in bots/shared/.',
      severity: 'error',
      from: { path: '^bots/([^/]+)/', pathNot: `${TESTS}|^bots/shared/` },
      to: { path: '^bots/', pathNot: '^bots/($1|shared)/' },
    },
    {
      name: 'workers-import-only-core-db-and-connector-interface',
      comment: 'workers/ imports only itself, the core, db/ and the connector interface.',
      severity: 'error',
      from: { path: '^workers/', pathNot: `${TESTS}|${CORE}` },
      to: { path: OURS, pathNot: `^workers/|^db/|${CORE}|${CONNECTOR_INTERFACE}|${OWN_RULES}` },
    },
    {
      name: 'dashboard-imports-only-core-and-db',
      comment: 'dashboard/ imports only itself, the core and db/.',
      severity: 'error',
      from: { path: '^dashboard/', pathNot: TESTS },
      to: { path: OURS, pathNot: `^dashboard/|^db/|${CORE}|${OWN_RULES}` },
    },
    {
      name: 'web-imports-server-types-only',
      comment: 'The browser bundle takes only types from the API server and the database layer.',
      severity: 'error',
      from: { path: '^dashboard/web/', pathNot: TESTS },
      to: { path: '^(dashboard/server|db)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-app-wires',
      comment:
        'Only app/ wires the parts and reads configuration; the others receive what they need. Nothing outside app/ imports it (tests and benchmarks may).',
      severity: 'error',
      from: { path: OURS, pathNot: `^app/|^bench/|${TESTS}` },
      to: { path: '^app/' },
    },
    {
      name: 'nothing-imports-test',
      comment: 'Shipped code never imports test code (fakes, helpers, fixtures).',
      severity: 'error',
      from: { path: OURS, pathNot: TESTS },
      to: { path: '^test/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles.',
      severity: 'error',
      from: { path: OURS },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'metadata' },
  },
};
