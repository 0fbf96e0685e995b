import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelRegistry } from '../../db/models.ts';
import { hourStart, vnDayStart } from '../../db/rollups.ts';
import { loadCorpus } from '../../workers/analysis/corpus-files.ts';
import { createDefaultAnalyzer, saveModel, trainBundle } from '../../workers/analysis/index.ts';
import { createReclassifyProcessor } from '../../workers/reclassify.worker.ts';
import {
  correctionExamples,
  createPromotedAnalyzerSource,
  createRetrainProcessor,
} from '../../workers/retrain.worker.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../helpers/databases.ts';

const MINI_CORPUS = join(import.meta.dirname, 'fixtures', 'mini-corpus');
const T0 = Date.UTC(2026, 10, 20, 16, 30); // 23:30 in Hanoi: the VN day differs from the UTC day
const logger = { debug() {}, info() {}, warn() {}, error() {} };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vneid-models-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
async function insertMessage(
  t: TestDatabase,
  text: string,
  over: Partial<{ topic: string; sentiment: string; lang: string; author: string }> = {},
) {
  seq++;
  const row = await t.db.kysely
    .insertInto('messages')
    .values({
      inbox_id: seq,
      channel: 'telegram',
      platform_message_id: `m${seq}`,
      author_hash: over.author ?? 'author-a',
      received_at: T0,
      content_kind: 'text',
      text_redacted: text,
      text_normalised: '',
      lang: over.lang ?? 'vi',
      topic: over.topic ?? 'other',
      topic_score: 0.5,
      topics_json: '[]',
      sentiment: over.sentiment ?? 'neutral',
      sentiment_score: 0,
      model_version: 'keyword-1',
      ref_code: `R${seq}`,
      status: 'active',
      created_at: T0,
      updated_at: T0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function rollup(t: TestDatabase, topic: string, sentiment: string, lang: string) {
  const row = await t.db.kysely
    .selectFrom('rollups_hourly')
    .select('count')
    .where('hour_ts', '=', hourStart(T0))
    .where('channel', '=', 'telegram')
    .where('topic', '=', topic)
    .where('sentiment', '=', sentiment)
    .where('lang', '=', lang)
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

describe.each(DIALECTS)('model registry, retrain and reclassify on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('keeps the model in use when the retrained one scores worse on held-out', async () => {
    const modelDir = join(dir, `${dialect}-worse`);
    const retrain = createRetrainProcessor({
      db: t.db,
      now: () => T0,
      modelDir,
      logger,
      corpusDir: MINI_CORPUS,
      folds: 0,
    });
    const out = await retrain({ data: { requestedBy: 'analyst@example.vn' } });
    expect(out.previousVersion).toBe(createDefaultAnalyzer().modelVersion);
    expect(out.macroF1).toBeLessThan(out.previousMacroF1);
    expect(out.promoted).toBe(false);
    const registry = createModelRegistry(t.db);
    expect(await registry.promoted()).toBeUndefined();
    const [row] = await registry.list();
    expect(row?.version).toBe(out.version);
    expect(row?.requestedBy).toBe('analyst@example.vn');
    expect(existsSync(row?.filePath ?? '')).toBe(true);
    expect(row?.metrics).toMatchObject({ heldout: { topic: { macro_f1: out.macroF1 } } });
  });

  it('promotes a model that is not worse, and a repeated run changes nothing', async () => {
    const modelDir = join(dir, `${dialect}-better`);
    // A promoted model trained on scrambled labels: anything honest beats it.
    const scrambled = loadCorpus(MINI_CORPUS).examples.map((e, i, all) => ({
      ...e,
      topic: all[(i * 7 + 3) % all.length]!.topic,
    }));
    const bad = trainBundle(scrambled, { version: 'scrambled', createdAt: T0, folds: 0, epochs: 2 });
    const badPath = join(modelDir, 'scrambled.vnm');
    saveModel(badPath, bad);
    const registry = createModelRegistry(t.db);
    await registry.add({
      version: 'scrambled',
      createdAt: T0,
      filePath: badPath,
      metrics: {},
      macroF1: 0,
      trainSize: 1,
      correctionsUsed: 0,
    });
    await registry.promote('scrambled', T0);

    const retrain = createRetrainProcessor({
      db: t.db,
      now: () => T0 + 1,
      modelDir,
      logger,
      corpusDir: MINI_CORPUS,
      folds: 0,
    });
    const first = await retrain({ data: {} });
    expect(first.previousVersion).toBe('scrambled');
    expect(first.promoted).toBe(true);
    expect((await registry.promoted())?.version).toBe(first.version);

    // The pipeline's analyzer source follows the promotion once its refresh interval has passed.
    let clock = 0;
    const source = createPromotedAnalyzerSource({ db: t.db, now: () => clock, refreshMs: 1000 });
    await registry.promote('scrambled', T0);
    expect((await source.get()).modelVersion).toBe('scrambled');
    await registry.promote(first.version, T0 + 2);
    expect((await source.get()).modelVersion).toBe('scrambled');
    clock = 1000;
    expect((await source.get()).modelVersion).toBe(first.version);

    const again = await retrain({ data: {} });
    expect(again.existing).toBe(true);
    expect(again.version).toBe(first.version);
    expect((await registry.list()).length).toBe(2);
    expect((await registry.list()).filter((m) => m.promoted).length).toBe(1);
  });

  it('trains on the latest correction of each message and versions by training data', async () => {
    const id = await insertMessage(t, 'app hiện chữ "lỗi hệ thống" khi mở hồ sơ');
    for (const [topic, i] of [
      ['app_bug', 1],
      ['public_service', 2],
    ] as const) {
      await t.db.kysely
        .insertInto('corrections')
        .values({
          message_id: id,
          corrected_by: 'a@x.vn',
          old_topic: 'other',
          new_topic: topic,
          old_sentiment: 'neutral',
          new_sentiment: 'negative',
          created_at: T0 + i,
        })
        .execute();
    }
    expect(await correctionExamples(t.db)).toEqual([
      { text: 'app hiện chữ "lỗi hệ thống" khi mở hồ sơ', topic: 'public_service', sentiment: 'negative' },
    ]);
    const modelDir = join(dir, `${dialect}-corrections`);
    const out = await createRetrainProcessor({
      db: t.db,
      now: () => T0,
      modelDir,
      logger,
      corpusDir: MINI_CORPUS,
      folds: 0,
    })({ data: {} });
    expect(out.correctionsUsed).toBe(1);
    expect(out.version).toMatch(/-1$/);
  });

  it('reclassifies stored messages and moves their roll-up counts in the same transaction', async () => {
    const analyzer = createDefaultAnalyzer();
    const otpId = await insertMessage(t, 'ko nhan dc ma otp sau 10 phut', {
      topic: 'other',
      sentiment: 'neutral',
    });
    const praiseId = await insertMessage(t, 'cảm ơn đội ngũ VNeID, app rất tiện lợi', {
      topic: 'other',
      sentiment: 'neutral',
      author: 'author-b',
    });
    const correctedId = await insertMessage(t, 'ko nhan dc ma otp', {
      topic: 'login',
      sentiment: 'negative',
    });
    await t.db.kysely
      .insertInto('corrections')
      .values({
        message_id: correctedId,
        corrected_by: 'a@x.vn',
        old_topic: 'otp',
        new_topic: 'login',
        old_sentiment: 'negative',
        new_sentiment: 'negative',
        created_at: T0,
      })
      .execute();
    await t.db.kysely
      .insertInto('rollups_hourly')
      .values([
        {
          hour_ts: hourStart(T0),
          channel: 'telegram',
          topic: 'other',
          sentiment: 'neutral',
          lang: 'vi',
          count: 2,
        },
        {
          hour_ts: hourStart(T0),
          channel: 'telegram',
          topic: 'login',
          sentiment: 'negative',
          lang: 'vi',
          count: 1,
        },
      ])
      .execute();

    const reclassify = createReclassifyProcessor({
      db: t.db,
      now: () => T0 + 5,
      modelDir: dir,
      logger,
      analyzer,
      batchSize: 1,
    });
    const out = await reclassify({ data: {} });
    expect(out).toEqual({ modelVersion: analyzer.modelVersion, scanned: 2, updated: 2, moved: 2 });

    const rows = await t.db.kysely.selectFrom('messages').selectAll().orderBy('id').execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    expect(byId.get(otpId)).toMatchObject({
      topic: 'otp',
      sentiment: 'negative',
      model_version: analyzer.modelVersion,
    });
    expect(byId.get(otpId)?.text_normalised).toBe('khong nhan duoc ma otp sau 10 phut');
    expect(byId.get(praiseId)).toMatchObject({ topic: 'praise', sentiment: 'positive' });
    expect(byId.get(correctedId)).toMatchObject({ topic: 'login', model_version: 'keyword-1' });

    expect(await rollup(t, 'other', 'neutral', 'vi')).toBe(0);
    expect(await rollup(t, 'otp', 'negative', 'vi')).toBe(1);
    expect(await rollup(t, 'praise', 'positive', 'vi')).toBe(1);
    expect(await rollup(t, 'login', 'negative', 'vi')).toBe(1);
    const days = await t.db.kysely.selectFrom('author_days').selectAll().orderBy('author_hash').execute();
    expect(days.map((d) => [Number(d.day_ts), d.topic, d.author_hash])).toEqual([
      [vnDayStart(T0), 'otp', 'author-a'],
      [vnDayStart(T0), 'praise', 'author-b'],
    ]);

    expect(await reclassify({ data: {} })).toMatchObject({ scanned: 0, updated: 0, moved: 0 });
    expect(await rollup(t, 'otp', 'negative', 'vi')).toBe(1);
  });

  it('limits reclassification to the requested time window', async () => {
    await insertMessage(t, 'ko nhan dc ma otp');
    const reclassify = createReclassifyProcessor({
      db: t.db,
      now: () => T0,
      modelDir: dir,
      logger,
      analyzer: createDefaultAnalyzer(),
    });
    expect(await reclassify({ data: { fromMs: T0 + 1 } })).toMatchObject({ scanned: 0 });
    expect(await reclassify({ data: { fromMs: T0, toMs: T0 + 1 } })).toMatchObject({
      scanned: 1,
      updated: 1,
    });
  });
});
