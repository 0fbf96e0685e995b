/**
 * `import --file <path.jsonl|csv> [--channel telegram|facebook|zalo]` → backfills historical feedback
 * through the same intake and pipeline as live messages (inbox → redact → classify → message →
 * roll-ups), without replying to anyone. Rows are keyed by their content, so importing the same file
 * twice adds nothing. Prints one JSON summary line.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { loadConversationTexts } from '../../bots/shared/conversation.ts';
import { CHANNELS, type InboundEvent } from '../../bots/shared/events.ts';
import { createIntake } from '../../bots/shared/intake.ts';
import { createEventKeyer, createPseudonymiser } from '../../bots/shared/pseudonym.ts';
import { createDb } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createBackfillAlertsProcessor } from '../../workers/alerts.worker.ts';
import { createPipelineProcessor } from '../../workers/pipeline.worker.ts';
import { loadPromotedAnalyzer } from '../../workers/retrain.worker.ts';
import type { CliIo } from '../cli.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { silentLogger } from '../logger.ts';

const USAGE =
  'usage: npm run --silent cli -- import --file <path.jsonl|csv> [--channel telegram|facebook|zalo]';

const row = z.object({
  text: z.string().min(1),
  channel: z.enum(CHANNELS).optional(),
  received_at: z.string().optional(),
  author: z.string().optional(),
});
type Row = z.infer<typeof row>;

function readRows(raw: string, isCsv: boolean): Array<{ line: number; value: unknown }> {
  if (isCsv) {
    const records: unknown[] = parseCsv(raw, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
    return records.map((value, i) => ({ line: i + 2, value }));
  }
  return raw
    .split('\n')
    .map((l, i) => ({ line: i + 1, text: l.trim() }))
    .filter((l) => l.text !== '')
    .map((l) => {
      try {
        return { line: l.line, value: JSON.parse(l.text) as unknown };
      } catch {
        return { line: l.line, value: undefined };
      }
    });
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let values: { file?: string; channel?: string };
  try {
    ({ values } = parseArgs({ args, options: { file: { type: 'string' }, channel: { type: 'string' } } }));
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (!values.file) {
    io.stderr(USAGE);
    return 2;
  }
  const defaultChannel = values.channel ? z.enum(CHANNELS).safeParse(values.channel) : undefined;
  if (defaultChannel && !defaultChannel.success) {
    io.stderr(`--channel must be one of ${CHANNELS.join(', ')}`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    io.stderr(err instanceof ConfigError ? err.message : String(err));
    return 1;
  }
  const raw = await readFile(values.file, 'utf8');
  const rows = readRows(raw, values.file.toLowerCase().endsWith('.csv'));
  const now = Date.now();
  const events: InboundEvent[] = [];
  const rejected: number[] = [];
  for (const r of rows) {
    const parsed = row.safeParse(r.value);
    const channel = parsed.success ? (parsed.data.channel ?? defaultChannel?.data) : undefined;
    const at = parsed.success && parsed.data.received_at ? Date.parse(parsed.data.received_at) : now;
    if (!parsed.success || !channel || Number.isNaN(at)) {
      rejected.push(r.line);
      continue;
    }
    const d: Row = parsed.data;
    const key = createHash('sha256')
      .update(`${channel}\u0000${d.received_at ?? ''}\u0000${d.author ?? ''}\u0000${d.text}`)
      .digest('hex')
      .slice(0, 32);
    events.push({
      type: 'message',
      channel,
      eventId: `import:${key}`,
      messageId: `import:${key}`,
      // Without an author each row counts as its own (pseudonymous) citizen.
      userId: d.author ? `import:${d.author}` : `import:${key}`,
      occurredAt: at,
      text: d.text,
      contentKind: 'text',
      address: {}, // imported feedback is never answered
    });
  }
  const db = await createDb(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const stored: number[] = [];
    const intake = createIntake({
      db,
      pseudonymise: createPseudonymiser(config.PSEUDONYM_SECRET),
      eventKey: createEventKeyer(config.PSEUDONYM_SECRET),
      now: () => now,
      logger: silentLogger,
      enqueue: async (rows) => {
        stored.push(...rows.map((r) => r.id));
      },
    });
    let duplicates = 0;
    for (let i = 0; i < events.length; i += 500)
      duplicates += (await intake.accept(events.slice(i, i + 500))).duplicates;
    await intake.drain();
    const process = createPipelineProcessor({
      db,
      analyzer: await loadPromotedAnalyzer(db),
      texts: loadConversationTexts(),
      secret: config.PSEUDONYM_SECRET,
      now: Date.now,
      logger: silentLogger,
      enqueueReplies: async () => {},
      batch: true,
    });
    for (let i = 0; i < stored.length; i += 200) {
      await Promise.all(stored.slice(i, i + 200).map((inboxId) => process({ data: { inboxId } })));
    }
    // The live detector only looks a few hours back: incidents inside the imported history become
    // (closed) alerts here, quietly.
    let alerts = 0;
    if (stored.length > 0) {
      const backfill = createBackfillAlertsProcessor({
        db,
        now: Date.now,
        logger: silentLogger,
        k: config.SUPPRESSION_K,
        tz: config.TZ_REPORTS,
        notifyTeam: async () => {},
      });
      // A loop, not Math.min(...): an import can hold more rows than a call takes arguments.
      const fromMs = events.reduce((min, e) => Math.min(min, e.occurredAt), Number.POSITIVE_INFINITY);
      alerts = (await backfill({ data: { fromMs } })).created.length;
    }
    io.stdout(
      JSON.stringify({
        read: rows.length,
        imported: stored.length,
        duplicates,
        rejected: rejected.length,
        alerts,
      }),
    );
    io.stderr(importSummary(events, stored.length, duplicates));
    if (rejected.length > 0)
      io.stderr(`rejected lines (need text and a channel): ${rejected.slice(0, 20).join(', ')}`);
    return 0;
  } finally {
    await db.close();
  }
}

/** One line for the person running the import: what arrived, over which days, on which channels. */
function importSummary(events: readonly InboundEvent[], imported: number, duplicates: number): string {
  if (events.length === 0) return 'nothing to import';
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const perChannel = new Map<string, number>();
  for (const e of events) {
    from = Math.min(from, e.occurredAt);
    to = Math.max(to, e.occurredAt);
    perChannel.set(e.channel, (perChannel.get(e.channel) ?? 0) + 1);
  }
  const day = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
  const channels = [...perChannel].map(([c, n]) => `${c} ${n}`).join(', ');
  return `imported ${imported} messages (${duplicates} already there) received ${day(from)} to ${day(to)} (${channels}); the dashboard shows them within seconds`;
}
