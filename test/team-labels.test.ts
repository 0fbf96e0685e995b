/** Team labels on SQLite and PostgreSQL: relabels and confirmations, progress, erasure and rebuilds. */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventKeyer } from '../bots/shared/pseudonym.ts';
import { demoMessages, seedMessages } from '../dashboard/testing/seed.ts';
import { relabelMessage } from '../db/dashboard-messages.ts';
import { eraseAuthor } from '../db/erasure.ts';
import * as migration from '../db/migrations/0009_team_labels.ts';
import { labelSpanOf, pendingRebuild, recordLabelSpan } from '../db/model-rebuilds.ts';
import { createModelRegistry } from '../db/models.ts';
import { labelledMessage, listTeamLabels, recordTeamLabel, teamLabelProgress } from '../db/team-labels.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const NOW = Date.UTC(2026, 10, 20, 3, 0);

describe.each(DIALECTS)('team labels on %s', (dialect) => {
  let t: TestDatabase;
  let ids: number[];
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    ids = await seedMessages(
      t.db,
      demoMessages(NOW, 1, 4).map((m, i) => ({ ...m, author: `citizen-${i % 2}`, channel: 'telegram' })),
    );
  });
  afterEach(async () => {
    await t.destroy();
  });

  it('stores a relabel as a correction and an accepted label as a confirmation, redacted text only', async () => {
    const [a = 0, b = 0] = ids;
    const before = await labelledMessage(t.db.kysely, a);
    const next = before?.topic === 'praise' ? 'app_bug' : 'praise';
    await relabelMessage(t.db, a, { topic: next, sentiment: 'negative' }, 'an@x.vn', NOW + 1);
    const mb = await labelledMessage(t.db.kysely, b);
    if (!mb) throw new Error('seeded message missing');
    expect(await recordTeamLabel(t.db.kysely, mb, mb, 'an@x.vn', NOW + 2)).toBe('confirmation');

    const labels = await listTeamLabels(t.db);
    expect(labels.map((l) => [l.messageId, l.kind, l.topic])).toEqual([
      [a, 'correction', next],
      [b, 'confirmation', mb.topic],
    ]);
    expect(labels[0]).toMatchObject({
      text: before?.text_redacted,
      predictedTopic: before?.topic,
      predictedSentiment: before?.sentiment,
      modelVersion: 'seed',
      labelledBy: 'an@x.vn',
      labelledAt: NOW + 1,
    });
    // Only the redacted text is copied; there is no column for anything else.
    const cols = Object.keys(
      (await t.db.kysely.selectFrom('team_labels').selectAll().executeTakeFirstOrThrow()) ?? {},
    );
    expect(cols.filter((c) => c.startsWith('text'))).toEqual(['text_redacted']);

    // Putting the model's label back turns the correction into a confirmation; still one label a message.
    await relabelMessage(
      t.db,
      a,
      { topic: before?.topic ?? '', sentiment: before?.sentiment ?? '' },
      'other@x.vn',
      NOW + 3,
    );
    const again = await listTeamLabels(t.db);
    expect(again).toHaveLength(2);
    expect(again.find((l) => l.messageId === a)).toMatchObject({
      kind: 'confirmation',
      labelledBy: 'other@x.vn',
      labelledAt: NOW + 3,
    });
    expect((await listTeamLabels(t.db, { after: NOW + 2 })).map((l) => l.messageId)).toEqual([a]);

    expect(await teamLabelProgress(t.db, 'an@x.vn', NOW + 10)).toEqual({ labelledToday: 1, total: 2 });
    expect(await teamLabelProgress(t.db, 'other@x.vn', NOW + 10)).toEqual({ labelledToday: 1, total: 2 });
    // Tomorrow (local day) nobody has labelled anything yet.
    expect(await teamLabelProgress(t.db, 'an@x.vn', NOW + 86_400_000)).toEqual({
      labelledToday: 0,
      total: 2,
    });
  });

  it("erasure deletes a citizen's labels and asks for a rebuild only when the model in use learned them", async () => {
    for (const id of ids) {
      const m = await labelledMessage(t.db.kysely, id);
      if (m) await recordTeamLabel(t.db.kysely, m, { topic: 'other', sentiment: 'neutral' }, 'an@x.vn', NOW);
    }
    const labels = await listTeamLabels(t.db);
    expect(labels).toHaveLength(ids.length);
    const registry = createModelRegistry(t.db);
    await registry.add({
      version: 'm1',
      createdAt: NOW,
      filePath: '/nonexistent',
      metrics: {},
      macroF1: 0.9,
      trainSize: 10,
      correctionsUsed: 2,
    });
    await registry.promote('m1', NOW);
    // The model in use learned the first two labels (both of citizen-0's and citizen-1's first).
    const span = { cutoffAt: NOW, maxLabelId: labels[1]?.id ?? 0, labelsUsed: 2 };
    await recordLabelSpan(t.db, 'm1', span);
    expect(await labelSpanOf(t.db, 'm1')).toEqual(span);

    const first = await t.db.kysely
      .transaction()
      .execute((trx) => eraseAuthor(trx, 'telegram', 'citizen-0', createEventKeyer('test'), NOW));
    expect(first.teamLabels).toBe(ids.filter((_, i) => i % 2 === 0).length);
    expect(
      (await listTeamLabels(t.db)).every((l) => !ids.filter((_, i) => i % 2 === 0).includes(l.messageId)),
    ).toBe(true);
    expect(await pendingRebuild(t.db)).toMatchObject({ modelVersion: 'm1' });
    const rebuilds = await t.db.kysely.selectFrom('model_rebuilds').selectAll().execute();
    expect(rebuilds).toHaveLength(1);
    expect(Number(rebuilds[0]?.erased_labels)).toBe(1);
  });

  it('no rebuild when the erased labels came after the model in use was trained', async () => {
    const registry = createModelRegistry(t.db);
    await registry.add({
      version: 'm0',
      createdAt: NOW,
      filePath: '/nonexistent',
      metrics: {},
      macroF1: 0.9,
      trainSize: 10,
      correctionsUsed: 0,
    });
    await registry.promote('m0', NOW);
    await recordLabelSpan(t.db, 'm0', { cutoffAt: NOW - 1, maxLabelId: 0, labelsUsed: 0 });
    const m = await labelledMessage(t.db.kysely, ids[0] ?? 0);
    if (m) await recordTeamLabel(t.db.kysely, m, m, 'an@x.vn', NOW);
    const out = await t.db.kysely
      .transaction()
      .execute((trx) => eraseAuthor(trx, 'telegram', m?.author_hash ?? '', createEventKeyer('test'), NOW));
    expect(out.teamLabels).toBe(1);
    expect(await listTeamLabels(t.db)).toHaveLength(0);
    expect(await pendingRebuild(t.db)).toBeUndefined();
  });

  it("the migration turns existing relabels into team labels: each message's latest, against the model's first", async () => {
    const [a = 0, b = 0] = ids;
    const ma = await labelledMessage(t.db.kysely, a);
    const mb = await labelledMessage(t.db.kysely, b);
    if (!ma || !mb) throw new Error('seeded message missing');
    const correction = (id: number, from: string, to: string, at: number) =>
      t.db.kysely
        .insertInto('corrections')
        .values({
          message_id: id,
          corrected_by: `u${at}@x.vn`,
          old_topic: from,
          new_topic: to,
          old_sentiment: 'neutral',
          new_sentiment: 'neutral',
          created_at: at,
        })
        .execute();
    await t.db.kysely
      .updateTable('messages')
      .set({ sentiment: 'neutral' })
      .where('id', 'in', [a, b])
      .execute();
    await correction(a, ma.topic, 'privacy', NOW + 1);
    await correction(a, 'privacy', 'consent', NOW + 2);
    await correction(b, mb.topic, 'privacy', NOW + 3);
    await correction(b, 'privacy', mb.topic, NOW + 4);
    const db = t.db.kysely as unknown as Kysely<unknown>;
    await migration.down(db);
    await migration.up(db);
    const labels = await listTeamLabels(t.db);
    expect(
      labels.map((l) => [l.messageId, l.kind, l.topic, l.predictedTopic, l.labelledBy, l.labelledAt]),
    ).toEqual([
      [a, 'correction', 'consent', ma.topic, `u${NOW + 2}@x.vn`, NOW + 2],
      [b, 'confirmation', mb.topic, mb.topic, `u${NOW + 4}@x.vn`, NOW + 4],
    ]);
    expect(labels[0]?.text).toBe(ma.text_redacted);
  });
});
