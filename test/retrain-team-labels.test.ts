/**
 * The database-backed retrain with the team's labels, on SQLite and PostgreSQL: it trains on the labels
 * up to its cut-off and is judged on the rest against the model in use; a model worse on those labels
 * is kept out; erasing a citizen whose labels the model in use learned rebuilds it regardless.
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventKeyer } from '../bots/shared/pseudonym.ts';
import { seedMessages } from '../dashboard/testing/seed.ts';
import { eraseAuthor } from '../db/erasure.ts';
import { labelSpanOf, pendingRebuild, recordLabelSpan } from '../db/model-rebuilds.ts';
import { createModelRegistry } from '../db/models.ts';
import { labelledMessage, listTeamLabels, recordTeamLabel } from '../db/team-labels.ts';
import { loadCorpus } from '../workers/analysis/corpus-files.ts';
import {
  createDefaultAnalyzer,
  type LabelledText,
  saveModel,
  splitCorpus,
  trainBundle,
} from '../workers/analysis/index.ts';
import { createRetrainProcessor } from '../workers/retrain.worker.ts';
import { createSweeper } from '../workers/sweeper.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const MINI_CORPUS = join(import.meta.dirname, 'analysis', 'fixtures', 'mini-corpus');
const T0 = Date.UTC(2026, 10, 20, 3, 0);
const logger = { debug() {}, info() {}, warn() {}, error() {} };

// Ten labelled messages in words the corpus never uses, each its own vocabulary: the first eight
// labelled `foreigner`, the two newest `privacy`.
const ODD = [
  'zorblat quenth vimmor',
  'plaxit drunmo sevrik',
  'welpon quaddle frist',
  'mibbet gronsk ulvar',
  'tessik vormal plunk',
  'yadrin moskel fentra',
  'krolbit sastin omber',
  'dulvex pritnar glome',
  'hasket jumbril norvak',
  'fenwick brastol ickle',
];

const topicOf = (i: number) => (i >= 8 ? ('privacy' as const) : ('foreigner' as const));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vneid-team-retrain-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('retrain with team labels on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const ids = await seedMessages(
      t.db,
      ODD.map((text, i) => ({
        receivedAt: T0 - 86_400_000,
        channel: 'telegram',
        topic: 'other',
        sentiment: 'neutral',
        lang: 'vi',
        author: i === 9 ? 'citizen-last' : `citizen-${i % 2}`,
        text,
      })),
    );
    for (const [i, id] of ids.entries()) {
      const m = await labelledMessage(t.db.kysely, id);
      if (m)
        await recordTeamLabel(
          t.db.kysely,
          m,
          { topic: topicOf(i), sentiment: 'negative' },
          'an@x.vn',
          T0 + i,
        );
    }
  });
  afterEach(async () => {
    await t.destroy();
  });

  const retrainer = (name: string, now = T0 + 100) =>
    createRetrainProcessor({
      db: t.db,
      now: () => now,
      modelDir: join(dir, `${dialect}-${name}`),
      logger,
      corpusDir: MINI_CORPUS,
      folds: 0,
    });

  /** A model in use that learned `extra` (weight 30) on top of `base`, promoted, with a label span. */
  async function promoteModel(
    name: string,
    base: LabelledText[],
    extra: LabelledText[],
    span?: { maxLabelId: number },
  ) {
    const bundle = trainBundle([...base, ...extra.map((e) => ({ ...e, weight: 30 }))], {
      version: name,
      createdAt: T0,
      folds: 0,
    });
    const filePath = join(dir, `${dialect}-${name}.vnm`);
    saveModel(filePath, bundle);
    const registry = createModelRegistry(t.db);
    await registry.add({
      version: name,
      createdAt: T0,
      filePath,
      metrics: {},
      macroF1: 0,
      trainSize: 1,
      correctionsUsed: extra.length,
    });
    await registry.promote(name, T0);
    if (span)
      await recordLabelSpan(t.db, name, {
        cutoffAt: T0 + 9,
        maxLabelId: span.maxLabelId,
        labelsUsed: extra.length,
      });
    return filePath;
  }

  it('trains on the labels up to its cut-off and is judged on the newest 20 % against the model in use', async () => {
    const out = await retrainer('split')({ data: {} });
    const labels = await listTeamLabels(t.db);
    expect(out.correctionsUsed).toBe(8);
    expect(await labelSpanOf(t.db, out.version)).toEqual({
      cutoffAt: T0 + 7,
      maxLabelId: labels[7]?.id,
      labelsUsed: 8,
    });
    expect(out.teamLabels?.after).toBe(T0 + 7);
    expect(out.teamLabels?.candidate.n).toBe(2);
    expect(out.teamLabels?.current).toMatchObject({ n: 2, version: createDefaultAnalyzer().modelVersion });
    const [row] = await createModelRegistry(t.db).list();
    expect(row?.metrics).toMatchObject({ teamLabels: { candidate: { n: 2 } } });
  });

  it('keeps the model in use when the candidate is worse on the team labels it never saw', async () => {
    // The model in use learned all ten odd labels; it has no recorded span, so the candidate's cut-off
    // decides what is judged: the two newest, which the candidate never saw and gets wrong.
    const corpus = loadCorpus(MINI_CORPUS).examples;
    const odd = ODD.map((text, i) => ({ text, topic: topicOf(i), sentiment: 'negative' as const }));
    // It learned from half the corpus's training split only, so the candidate beats it on held-out.
    const half = splitCorpus(corpus).train.filter((_, i) => i % 2 === 0);
    await promoteModel('knows-all', half, odd);
    const out = await retrainer('worse')({ data: {} });
    expect(out.teamLabels?.candidate.n).toBe(2);
    expect(out.teamLabels?.current.topicAccuracy).toBe(1);
    expect(out.teamLabels?.candidate.topicAccuracy).toBeLessThan(1);
    expect(out.teamLabels?.notWorse).toBe(false);
    // Not worse on the held-out split: the team's labels alone kept it out.
    expect(out.macroF1).toBeGreaterThanOrEqual(out.previousMacroF1);
    expect(out.promoted).toBe(false);
    expect((await createModelRegistry(t.db).promoted())?.version).toBe('knows-all');
  });

  it('erasing a citizen whose labels the model in use learned rebuilds it without them, even if worse', async () => {
    const corpus = loadCorpus(MINI_CORPUS).examples;
    const labels = await listTeamLabels(t.db);
    const odd = labels.map((l, i) => ({ text: l.text, topic: topicOf(i) }));
    // Trained on everything, held-out included: any honest candidate scores lower on held-out.
    const oldPath = await promoteModel('holds-citizen', corpus, odd, { maxLabelId: labels[9]?.id ?? 0 });
    const counts = await t.db.kysely
      .transaction()
      .execute((trx) => eraseAuthor(trx, 'telegram', 'citizen-0', createEventKeyer('test'), T0));
    expect(counts.teamLabels).toBe(5);
    expect(await pendingRebuild(t.db)).toMatchObject({ modelVersion: 'holds-citizen' });

    // The sweeper queues the rebuild (its job id derives from the request, so it is queued once).
    const queued: number[] = [];
    const sweep = createSweeper({
      db: t.db,
      now: () => T0,
      logger,
      requeueInbox: async () => {},
      requeueReplies: async () => {},
      enqueueRebuild: async (id) => {
        queued.push(id);
      },
    });
    await sweep();
    expect(queued).toHaveLength(1);

    const out = await retrainer('rebuild')({ data: { requestedBy: 'erasure' } });
    expect(out.rebuild).toBe(true);
    expect(out.macroF1).toBeLessThan(out.previousMacroF1);
    expect(out.promoted).toBe(true);
    expect((await createModelRegistry(t.db).promoted())?.version).toBe(out.version);
    // Trained on the 5 remaining labels' oldest 4; none of the erased citizen's.
    expect(out.correctionsUsed).toBe(4);
    expect(existsSync(oldPath)).toBe(false);
    expect(await pendingRebuild(t.db)).toBeUndefined();
    await sweep();
    expect(queued).toHaveLength(1);
    // Once rebuilt, the ordinary rule applies again: a repeat changes nothing.
    const again = await retrainer('rebuild')({ data: {} });
    expect(again).toMatchObject({ existing: true, rebuild: false, version: out.version });
  });
});
