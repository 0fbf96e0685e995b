/**
 * Deterministic demo/test data written through the same roll-up helpers the pipeline uses, so
 * messages, rollups_hourly and author_days agree. For tests and the end-to-end run, not production.
 */
import type { Db } from '../../db/database.ts';
import { bumpRollup, noteAuthorDay } from '../../db/rollups.ts';
import { fold } from '../../workers/analysis/normalise.ts';

export interface SeedMessage {
  receivedAt: number;
  channel: string;
  topic: string;
  sentiment: string;
  lang: string;
  author: string;
  text: string;
}

let seq = 0;

export async function seedMessages(db: Db, messages: readonly SeedMessage[]): Promise<number[]> {
  const ids: number[] = [];
  await db.kysely.transaction().execute(async (trx) => {
    for (const m of messages) {
      seq += 1;
      const key = `${Date.now().toString(36)}${seq.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      const row = await trx
        .insertInto('messages')
        .values({
          inbox_id: Math.floor(Math.random() * 1e12),
          channel: m.channel,
          platform_message_id: `seed-${key}`,
          author_hash: m.author,
          received_at: m.receivedAt,
          content_kind: 'text',
          text_redacted: m.text,
          text_normalised: fold(m.text),
          lang: m.lang,
          topic: m.topic,
          topic_score: 0.9,
          topics_json: JSON.stringify([{ id: m.topic, score: 0.9 }]),
          sentiment: m.sentiment,
          sentiment_score: 0.8,
          model_version: 'seed',
          ref_code: `R${key}`.slice(0, 24),
          status: 'active',
          edited_at: null,
          created_at: m.receivedAt,
          updated_at: m.receivedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(Number(row.id));
      await bumpRollup(trx, m, 1);
      await noteAuthorDay(trx, m, m.author);
    }
  });
  return ids;
}

const TEXTS: Record<string, string[]> = {
  login: ['Tôi không đăng nhập được VNeID, báo sai mật khẩu', 'ko dang nhap dc app, bị khóa tài khoản'],
  otp: ['Không nhận được mã OTP qua SMS số [SĐT]', 'mã OTP đến quá chậm, hết hạn rồi'],
  face_nfc: ['Xác thực khuôn mặt thất bại nhiều lần', 'Không đọc được chip NFC trên căn cước'],
  app_bug: ['Ứng dụng bị treo khi mở', 'App crash liên tục sau khi cập nhật'],
  praise: ['Cảm ơn, ứng dụng rất tiện lợi', 'Dịch vụ tốt, rất hài lòng'],
};

/** A spread of messages over `days` local days ending at `endMs`, with a spike in `spikeTopic`. */
export function demoMessages(endMs: number, days: number, perDay: number, spikeTopic = 'otp'): SeedMessage[] {
  const topics = Object.keys(TEXTS);
  const channels = ['telegram', 'facebook', 'zalo'];
  const out: SeedMessage[] = [];
  let n = 0;
  for (let d = days - 1; d >= 0; d--) {
    const count = d < 3 ? perDay * 2 : perDay;
    for (let i = 0; i < count; i++) {
      n += 1;
      const topic = d < 3 && i % 2 === 0 ? spikeTopic : (topics[n % topics.length] ?? 'other');
      const texts = TEXTS[topic] ?? ['Khác'];
      out.push({
        receivedAt: endMs - d * 86_400_000 - ((i * 7919) % 86_000) * 1000 - 1000,
        channel: channels[n % channels.length] ?? 'telegram',
        topic,
        sentiment: topic === 'praise' ? 'positive' : n % 5 === 0 ? 'neutral' : 'negative',
        lang: n % 11 === 0 ? 'en' : 'vi',
        author: `author-${n % 40}`,
        text: texts[n % texts.length] ?? 'Khác',
      });
    }
  }
  return out;
}
