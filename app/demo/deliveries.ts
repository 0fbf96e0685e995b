/**
 * Turns a scheduled demo event into the HTTP delivery the platform itself would make: its payload
 * shape (Telegram Update, Messenger / Page-feed entry, Zalo OA event), its timestamps, and its
 * signature computed with the connectors' own code, so the demo exercises the real verification.
 */
import type { Channel } from '../../bots/shared/events.ts';
import { hmacSha256Hex } from '../../bots/shared/verify.ts';
import { zaloMac } from '../../bots/zalo/verify.ts';
import type { DemoEvent } from './schedule.ts';

export interface DemoCredentials {
  telegramWebhookSecret: string;
  facebookAppSecret: string;
  facebookPageId: string;
  zaloAppId: string;
  zaloOaId: string;
  zaloOaSecretKey: string;
}

export interface Delivery {
  channel: Channel;
  headers: Record<string, string>;
  body: Buffer;
}

const NAMES = [
  'Nguyễn Thị Hằng',
  'Trần Văn Nam',
  'Lê Minh Tuấn',
  'Phạm Thu Trang',
  'Hoàng Đức Anh',
  'Vũ Thị Mai',
];

/** Meta sends JSON with non-ASCII as \uXXXX and "/" as "\/"; the signature covers exactly those bytes. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A number unique to (conversation, step, round): the seed of every platform id of one delivery. */
function sequence(e: DemoEvent): number {
  return e.round * 1_000_000 + e.conversation.id * 10 + (e.step + 1);
}

function textOf(e: DemoEvent): string {
  const text = e.conversation.texts[e.step];
  if (text === undefined) throw new Error(`conversation ${e.conversation.id} has no message ${e.step}`);
  return text;
}

export function buildDelivery(e: DemoEvent, creds: DemoCredentials): Delivery {
  switch (e.conversation.surface) {
    case 'telegram':
      return telegram(e, creds);
    case 'messenger':
      return messenger(e, creds);
    case 'comment':
      return comment(e, creds);
    case 'zalo':
      return zalo(e, creds);
  }
}

function telegram(e: DemoEvent, creds: DemoCredentials): Delivery {
  const seq = sequence(e);
  const chatId = 500_000_000 + e.conversation.user;
  const update = {
    update_id: 700_000_000 + seq,
    message: {
      message_id: seq,
      date: Math.floor(e.at / 1000),
      from: { id: chatId, is_bot: false, first_name: 'Citizen', language_code: e.conversation.lang },
      chat: { id: chatId, type: 'private', first_name: 'Citizen' },
      text: e.step < 0 ? '/start' : textOf(e),
    },
  };
  return {
    channel: 'telegram',
    headers: {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': creds.telegramWebhookSecret,
    },
    body: Buffer.from(JSON.stringify(update)),
  };
}

function signedByMeta(value: unknown, creds: DemoCredentials): Delivery {
  const body = Buffer.from(metaJson(value));
  return {
    channel: 'facebook',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${hmacSha256Hex(creds.facebookAppSecret, body)}`,
    },
    body,
  };
}

function messenger(e: DemoEvent, creds: DemoCredentials): Delivery {
  const seq = sequence(e);
  const psid = String(6_783_412_000_000_000 + e.conversation.user);
  return signedByMeta(
    {
      object: 'page',
      entry: [
        {
          id: creds.facebookPageId,
          time: e.at,
          messaging: [
            {
              sender: { id: psid },
              recipient: { id: creds.facebookPageId },
              timestamp: e.at,
              message: { mid: `m_demo_${seq.toString(36)}_${psid.slice(-6)}`, text: textOf(e) },
            },
          ],
        },
      ],
    },
    creds,
  );
}

function comment(e: DemoEvent, creds: DemoCredentials): Delivery {
  const seq = sequence(e);
  // Beyond 2^53: built as a string.
  const story = `12213167691259${4940 + (e.conversation.id % 7)}`;
  const postId = `${creds.facebookPageId}_${story}`;
  const seconds = Math.floor(e.at / 1000);
  return signedByMeta(
    {
      object: 'page',
      entry: [
        {
          id: creds.facebookPageId,
          time: seconds,
          changes: [
            {
              field: 'feed',
              value: {
                from: {
                  id: String(8_123_456_000_000_000 + e.conversation.user),
                  name: NAMES[e.conversation.user % NAMES.length],
                },
                post: { id: postId, status_type: 'mobile_status_update', is_published: true },
                message: textOf(e),
                post_id: postId,
                comment_id: `${story}_${1_213_590_000_000_000 + seq}`,
                created_time: seconds,
                item: 'comment',
                parent_id: postId,
                verb: 'add',
              },
            },
          ],
        },
      ],
    },
    creds,
  );
}

function zalo(e: DemoEvent, creds: DemoCredentials): Delivery {
  const seq = sequence(e);
  // Zalo ids are 18-digit strings: built as strings, never through a JS number.
  const userId = `2468458835${String(29_000_000 + e.conversation.user).padStart(8, '0')}`;
  const timestamp = String(e.at);
  const event =
    e.step < 0
      ? {
          oa_id: creds.zaloOaId,
          follower: { id: userId },
          user_id_by_app: `5521772797${String(17_000_000 + e.conversation.user).padStart(8, '0')}`,
          event_name: 'follow',
          source: 'oa_profile',
          app_id: creds.zaloAppId,
          timestamp,
        }
      : {
          app_id: creds.zaloAppId,
          sender: { id: userId },
          user_id_by_app: `5521772797${String(17_000_000 + e.conversation.user).padStart(8, '0')}`,
          recipient: { id: creds.zaloOaId },
          event_name: 'user_send_text',
          message: { text: textOf(e), msg_id: `demo${seq.toString(16).padStart(12, '0')}` },
          timestamp,
        };
  const body = Buffer.from(JSON.stringify(event));
  return {
    channel: 'zalo',
    headers: {
      'content-type': 'application/json',
      'x-zevent-signature': `mac=${zaloMac(creds.zaloAppId, body, timestamp, creds.zaloOaSecretKey)}`,
    },
    body,
  };
}
