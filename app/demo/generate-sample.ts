/**
 * Writes app/demo/sample.jsonl from the labelled corpus (run once, the output is committed):
 *   npx tsx app/demo/generate-sample.ts
 * Seeded, so re-running gives the same file. Topic and language mixes are weighted towards what
 * the team actually receives (mostly Vietnamese, login / activation / app bugs first), not the
 * corpus' balanced classes.
 */
import { writeFileSync } from 'node:fs';
import type { LabelledText } from '../../workers/analysis/corpus.ts';
import { loadCorpus } from '../../workers/analysis/corpus-files.ts';
import {
  type Conversation,
  pick,
  pickWeighted,
  SAMPLE_FILE,
  SURFACES,
  type Surface,
  seededRandom,
} from './sample.ts';

const BASELINE = 3000;
const RELEASE_SPIKE = 260;
const LIVE_SPIKE = 45;

const TOPIC_WEIGHTS: Record<string, number> = {
  login: 14,
  otp: 9,
  activation: 12,
  face_nfc: 10,
  app_bug: 12,
  integration: 9,
  public_service: 8,
  consent: 5,
  privacy: 6,
  foreigner: 3,
  praise: 6,
  other: 6,
};
const SURFACE_WEIGHTS: Record<Surface, number> = { telegram: 20, messenger: 27, comment: 18, zalo: 35 };
const LANG_WEIGHTS: Record<string, number> = { vi: 1, en: 0.15, und: 0.5 };

const FOLLOW_UPS: Record<'vi' | 'en', string[]> = {
  vi: [
    'Có ai hỗ trợ không ạ?',
    'Mình thử lại mấy lần rồi vẫn vậy.',
    'ad ơi rep giúp e vs',
    'Gỡ app cài lại cũng không được.',
    'Cảm ơn ad nhiều ạ.',
    'Vẫn chưa được, làm sao bây giờ?',
    'Mình dùng điện thoại Samsung A52, bản mới nhất.',
    'Sáng nay vẫn bị y như hôm qua.',
    'ok e cảm ơn',
    'Phải ra công an phường làm lại hả ad?',
  ],
  en: [
    'Is anyone there to help?',
    'I tried again several times, same problem.',
    'Thank you for the quick answer.',
    'Still not working this morning.',
  ],
};
const OPENERS = ['Chào ad, ', 'Admin ơi, ', 'Cho em hỏi, ', 'Xin chào, ', 'Ad ơi cho mình hỏi, '];

function main(): void {
  const rnd = seededRandom(20261129);
  const byTopic = new Map<string, LabelledText[]>();
  for (const ex of loadCorpus().examples) {
    const list = byTopic.get(ex.topic) ?? [];
    list.push(ex);
    byTopic.set(ex.topic, list);
  }
  const topics = Object.keys(TOPIC_WEIGHTS);
  const surfaceWeights = SURFACES.map((s) => SURFACE_WEIGHTS[s]);
  const usersSeen = new Map<Surface, number>();

  const firstText = (topic: string): LabelledText => {
    const pool = byTopic.get(topic) ?? [];
    // Foreign residents write in their own languages; everyone else mostly in Vietnamese.
    const weights = pool.map((ex) => (topic === 'foreigner' ? 1 : (LANG_WEIGHTS[ex.lang ?? 'und'] ?? 0.1)));
    const ex = pool[pickWeighted(weights, rnd)];
    if (!ex) throw new Error(`no corpus examples for ${topic}`);
    return ex;
  };
  const vary = (text: string, lang: string): string => {
    if (lang !== 'vi' || rnd() > 0.2) return text;
    return pick(OPENERS, rnd) + text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
  };

  const conversations: Conversation[] = [];
  const make = (surface: Surface, topic: string, spike?: Conversation['spike']) => {
    const first = firstText(topic);
    const lang = first.lang ?? 'und';
    const seen = usersSeen.get(surface) ?? 0;
    // One in eight conversations comes from a citizen who wrote before.
    const returning = seen > 20 && rnd() < 0.125;
    const user = returning ? Math.floor(rnd() * seen) : seen;
    if (!returning) usersSeen.set(surface, seen + 1);
    const texts = [vary(first.text, lang)];
    const more = surface === 'comment' ? (rnd() < 0.1 ? 1 : 0) : pickWeighted([70, 22, 8], rnd);
    for (let i = 0; i < more; i++) {
      const followLang = lang === 'vi' ? 'vi' : 'en';
      texts.push(rnd() < 0.5 ? firstText(topic).text : pick(FOLLOW_UPS[followLang], rnd));
    }
    const greets = (surface === 'telegram' || surface === 'zalo') && !returning && rnd() < 0.3;
    conversations.push({
      id: conversations.length,
      surface,
      user,
      lang,
      greets,
      texts,
      ...(spike ? { spike } : {}),
    });
  };

  for (let i = 0; i < BASELINE; i++) {
    const surface = SURFACES[pickWeighted(surfaceWeights, rnd)] ?? 'zalo';
    make(surface, topics[pickWeighted(Object.values(TOPIC_WEIGHTS), rnd)] ?? 'other');
  }
  for (let i = 0; i < RELEASE_SPIKE; i++) make('zalo', 'otp', 'release');
  for (let i = 0; i < LIVE_SPIKE; i++) make('telegram', 'face_nfc', 'live');

  writeFileSync(SAMPLE_FILE, `${conversations.map((c) => JSON.stringify(c)).join('\n')}\n`);
  const messages = conversations.reduce((n, c) => n + c.texts.length, 0);
  process.stdout.write(
    `wrote ${conversations.length} conversations, ${messages} messages to ${SAMPLE_FILE}\n`,
  );
}

main();
