/**
 * Facebook end to end through the real app: a signed Messenger delivery (Meta's escaped-unicode bytes)
 * and a Page comment → stored, classified message → one acknowledgement on the fake Graph API, even
 * when Meta delivers twice and the first reply attempt gets a 500.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { loadConversationTexts } from '../bots/shared/conversation.ts';
import { type FakeGraph, graphErrors, startFakeGraph } from './fakes/facebook-graph.ts';
import { clearTables, createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, startRuntime, waitFor } from './helpers/harness.ts';

const SECRET = 'fb-app-secret-roundtrip';
const VERIFY = 'fb-verify-roundtrip';
const PAGE_TOKEN = 'EAAGpage-roundtrip';
const PSID = '6783412095541234';
const COMMENT = '122131676912594941_1213590066982748';

/** A recorded delivery re-dated to now (its bytes otherwise untouched), as Meta would send it today. */
function delivery(name: string, recordedTimes: string[], now: number): Buffer {
  let text = readFileSync(new URL(`./fixtures/facebook/${name}`, import.meta.url), 'latin1');
  for (const t of recordedTimes)
    text = text.split(t).join(String(t.length === 10 ? Math.floor(now / 1000) : now));
  return Buffer.from(text, 'latin1');
}
const sign = (raw: Buffer) => `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;

describe.each(DIALECTS)('Facebook round trip on %s', (dialect) => {
  let t: TestDatabase;
  let graph: FakeGraph;
  let rt: Runtime;

  beforeAll(async () => {
    graph = await startFakeGraph({ pageAccessToken: PAGE_TOKEN });
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await graph.close();
    await t?.destroy();
  });
  beforeEach(async () => {
    await clearTables(t.db, ['replies', 'messages', 'contacts', 'inbox', 'rollups_hourly', 'author_days']);
    graph.received.length = 0;
    rt = await startRuntime({
      DATABASE_URL: t.url,
      FACEBOOK_APP_SECRET: SECRET,
      FACEBOOK_VERIFY_TOKEN: VERIFY,
      FACEBOOK_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
      FACEBOOK_GRAPH_URL: graph.url,
    });
  });
  afterEach(async () => {
    if (!rt) return;
    await cleanQueues(rt);
    await rt.close();
  });

  const post = (raw: Buffer) =>
    rt.app.inject({
      method: 'POST',
      url: '/webhooks/facebook',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) },
      payload: raw,
    });

  it('answers the subscribe handshake with the bare challenge', async () => {
    const ok = await rt.app.inject({
      method: 'GET',
      url: `/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    });
    expect([ok.statusCode, ok.body]).toEqual([200, '1158201444']);
    const bad = await rt.app.inject({
      method: 'GET',
      url: '/webhooks/facebook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    expect(bad.statusCode).toBe(403);
  });

  it('answers a scam report with the warning and a photo with the request to describe it, fetching nothing', async () => {
    const texts = loadConversationTexts();
    const scam = JSON.parse(delivery('messenger-text.json', ['1764403200123'], Date.now()).toString('utf8'));
    scam.entry[0].messaging[0].message.text =
      'Someone called me pretending to be the police and asked me to read out my VNeID OTP code';
    expect((await post(Buffer.from(JSON.stringify(scam), 'utf8'))).statusCode).toBe(200);
    await waitFor(() => graph.delivered().length === 1, 20_000, 'reply to the scam report');
    const first = graph.delivered()[0]?.body as { message: { text: string } };
    expect(first.message.text).toContain(texts.scamWarning.en);

    await new Promise((r) => setTimeout(r, 1100));
    expect((await post(delivery('messenger-image.json', ['1764403203123'], Date.now()))).statusCode).toBe(
      200,
    );
    await waitFor(() => graph.delivered().length === 2, 20_000, 'reply to the photo');
    const second = graph.delivered()[1]?.body as { message: { text: string } };
    expect(second.message.text).toContain(texts.attachment.vi);
    // Only the Send API was called: the photo on Meta's CDN was never downloaded.
    expect(graph.received.every((r) => r.path === '/v24.0/me/messages')).toBe(true);
  });

  it('stores a Messenger message once and acknowledges it exactly once despite a redelivery and a 500', async () => {
    graph.failNext(graphErrors.serverError);
    const raw = delivery('messenger-text.json', ['1764403200123'], Date.now());
    const [first, second] = [await post(raw), await post(raw)];
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect([first.json().stored, second.json().stored]).toEqual([1, 0]);

    const msg = await waitFor(
      () => t.db.kysely.selectFrom('messages').selectAll().executeTakeFirst(),
      15_000,
      'message',
    );
    expect(msg).toMatchObject({ channel: 'facebook', content_kind: 'text', lang: 'vi', topic: 'otp' });
    expect(msg.text_redacted).toContain('OTP');
    expect(msg.author_hash).not.toContain(PSID);

    await waitFor(() => graph.delivered().length === 1, 20_000, 'acknowledgement after the 500');
    await new Promise((r) => setTimeout(r, 1500)); // give a duplicate every chance to appear
    const sends = graph.received.filter((r) => r.path === '/v24.0/me/messages');
    expect(sends.map((r) => r.status)).toEqual([500, 200]);
    const body = graph.delivered()[0]?.body as {
      recipient: unknown;
      messaging_type: string;
      message: { text: string };
    };
    expect(body.recipient).toEqual({ id: PSID });
    expect(body.messaging_type).toBe('RESPONSE');
    expect(body.message.text).toContain(msg.ref_code);
    const reply = await waitFor(
      () => t.db.kysely.selectFrom('replies').selectAll().where('status', '=', 'sent').executeTakeFirst(),
      5000,
      'reply row sent',
    );
    expect(reply.channel).toBe('facebook');
  });

  it('answers a Page comment with one private reply and marks it removed when the comment is deleted', async () => {
    const now = Date.now();
    const add = delivery('feed-comment-add.json', ['1764403263', '1764403260'], now);
    expect((await post(add)).json()).toMatchObject({ stored: 1 });
    await waitFor(() => graph.delivered().length === 1, 20_000, 'private reply');
    expect(graph.delivered()[0]?.body).toMatchObject({ recipient: { comment_id: COMMENT } });

    const remove = delivery('feed-comment-remove.json', ['1764403560', '1764403559'], now + 60_000);
    expect((await post(remove)).json()).toMatchObject({ stored: 1 });
    const removed = await waitFor(
      () => t.db.kysely.selectFrom('messages').selectAll().where('status', '=', 'removed').executeTakeFirst(),
      15_000,
      'comment marked removed',
    );
    expect(removed.platform_message_id).toBe(COMMENT);
    expect(graph.delivered()).toHaveLength(1);
  });

  it('rejects a delivery signed over re-serialised JSON (the Vietnamese-text trap) and stores nothing', async () => {
    const raw = delivery('messenger-text.json', ['1764403200123'], Date.now());
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))));
    const res = await rt.app.inject({
      method: 'POST',
      url: '/webhooks/facebook',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(reserialised) },
      payload: raw,
    });
    expect(res.statusCode).toBe(401);
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(0);
  });
});
