/**
 * The citizen conversation, one implementation for every channel: first-contact notice, the
 * acknowledgement with a reference code, helpful answers for common topics, and erasure requests.
 * Texts live in replies.json (editable without touching code).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from '../../workers/analysis/normalise.ts';
import { isTopicId, TOPIC_IDS } from '../../workers/analysis/taxonomy.ts';
import type { ContentKind } from './events.ts';
import { type Signals, URGENT_KINDS, type UrgentKind } from './signals.ts';

const bilingual = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const withPlaceholders = (...names: string[]) =>
  bilingual.refine(
    (t) => names.every((n) => t.vi.includes(`{${n}}`) && t.en.includes(`{${n}}`)),
    `needs ${names.map((n) => `{${n}}`).join(', ')} in both languages`,
  );
const textsSchema = z
  .object({
    /** Who drafted and who signed off which version (the VNeID team approves before go-live). */
    review: z.object({
      version: z.string().min(1),
      status: z.enum(['draft', 'approved']),
      note: z.string(),
      approvals: z.array(z.object({ version: z.string(), by: z.string().min(1), date: z.string() })),
    }),
    /** Recorded on the contact when the notice is shown. */
    noticeVersion: z.string().min(1),
    notice: bilingual,
    ack: withPlaceholders('ref'),
    welcome: bilingual,
    erased: bilingual,
    scamWarning: bilingual,
    urgent: z.object(
      Object.fromEntries(URGENT_KINDS.map((k) => [k, bilingual])) as Record<UrgentKind, typeof bilingual>,
    ),
    attachment: bilingual,
    myData: z.object({
      header: bilingual,
      contact: withPlaceholders('first', 'notice'),
      line: withPlaceholders('date', 'topic', 'ref', 'text'),
      more: withPlaceholders('n'),
      empty: bilingual,
      footer: bilingual,
      /** Answer to a data or status request made in a public place (a Page comment). */
      privateOnly: bilingual,
    }),
    status: z.object({
      found: withPlaceholders('ref', 'date', 'topic'),
      notFound: withPlaceholders('ref'),
      known: bilingual,
      fixed: withPlaceholders('date', 'note'),
    }),
    /** Word about incidents: known while open, opt-in and stop, and the notice once fixed. */
    updates: z.object({
      known: withPlaceholders('topic'),
      optedIn: withPlaceholders('topic'),
      nothingToFollow: bilingual,
      stopped: bilingual,
      fixed: withPlaceholders('topic', 'note'),
    }),
    answers: z.partialRecord(z.enum(TOPIC_IDS), bilingual),
    /** Topics with no safe general answer: listed so that every topic is decided on purpose. */
    noAnswer: z.array(z.enum(TOPIC_IDS)),
  })
  .refine(
    (t) => TOPIC_IDS.every((id) => id in t.answers !== t.noAnswer.includes(id)),
    'every topic needs exactly one of: an answer, or a place in noAnswer',
  );
export type ConversationTexts = z.infer<typeof textsSchema>;
export type ReplyLang = 'vi' | 'en';

export function loadConversationTexts(
  path: string = new URL('./replies.json', import.meta.url).pathname,
): ConversationTexts {
  return textsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Replies go out in Vietnamese unless the citizen clearly wrote English (or their app says English). */
export function replyLanguage(detected: string, platformHint?: string): ReplyLang {
  if (detected === 'en') return 'en';
  if (detected === 'vi') return 'vi';
  return platformHint?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

// Folded forms (no diacritics, lower case). Commands anywhere; phrases only as a short request,
// so "how do I delete data in VNeID?" (a privacy question about the app) is not an erasure.
const ERASE_COMMAND = /^\/(xoa|forget|erase|delete)(@\w+)?\b/;
const ERASE_PHRASES = [
  /\bxoa (het |toan bo |tat ca )?(du lieu|thong tin|tin nhan)( cua (toi|minh|em|tao))?\b/,
  /\b(delete|erase|remove|forget) (all )?(my )?(data|messages|information|info)\b/,
  /\bforget me\b/,
];

export function isErasureRequest(text: string): boolean {
  // Commands are checked on the raw text: matching folds punctuation such as the leading slash away.
  const plain = text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
  if (ERASE_COMMAND.test(plain)) return true;
  const f = fold(text);
  const words = f.split(/\s+/).filter(Boolean).length;
  return words <= 8 && ERASE_PHRASES.some((re) => re.test(f));
}

// A reference code as the bot writes it (GY-XXXX-XXXX-XXX; earlier GY-XXXX-XX), typed loosely:
// spaces, no dashes, lower case.
const REF_CODE = /\bgy[\s-]?([0-9a-z]{4})[\s-]?(?:([0-9a-z]{4})[\s-]?([0-9a-z]{3})|([0-9a-z]{2}))\b/i;

function refCodeOf(m: RegExpExecArray): string {
  const [, a, b, c, old] = m;
  return (old !== undefined ? `GY-${a}-${old}` : `GY-${a}-${b}-${c}`).toUpperCase();
}
const MY_DATA_COMMAND = /^\/(mydata|dulieu|du_lieu)(@\w+)?\b/;
const MY_DATA_PHRASES = [
  /\b(xem |cho (toi|minh|em) xem |gui (toi|minh|em) )?(du lieu|thong tin) (cua (toi|minh|em)|ban luu ve (toi|minh|em))\b/,
  /\b(show |send )?(me )?my (data|information|info)\b/,
  /\bwhat (data|information) do you (have|keep|hold|store)\b/,
];

// Whole messages only, like erasure: "dừng lại đi, app lỗi quá" is feedback, "dừng" is a command.
const NOTIFY_COMMAND = /^\/(notify|baotoi|bao_toi)(@\w+)?$/;
const NOTIFY_PHRASES =
  /^(hay |vui long )?(bao|nhan|thong bao|nhan tin) (cho )?(toi|minh|em)( khi (da )?(sua|xong|khac phuc)( xong)?)?( nhe| nha| voi)?( ad)?$|^(please )?(notify|tell|update|message) me( when (it is |its |it's )?fixed)?( please)?$|^let me know when (it is |its |it's )?fixed$/;
const STOP_COMMAND = /^\/(stop|dung)(@\w+)?$/;
const STOP_PHRASES =
  /^(dung|dung lai|dung thong bao|ngung thong bao|huy thong bao|stop|unsubscribe|stop updates)$/;

export type Command =
  | { kind: 'erase' }
  | { kind: 'my_data' }
  | { kind: 'status'; refCode: string }
  | { kind: 'notify' }
  | { kind: 'stop' };

/**
 * A whole-message command from the citizen, or undefined for an ordinary message. Like erasure, the
 * other commands are short messages only, so a long complaint that happens to say "my data" or quote
 * a reference code is still feedback.
 */
export function parseCommand(text: string): Command | undefined {
  if (isErasureRequest(text)) return { kind: 'erase' };
  const plain = text.trim().toLowerCase();
  const f = fold(text);
  const words = f.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (MY_DATA_COMMAND.test(plain) || (words <= 8 && MY_DATA_PHRASES.some((re) => re.test(f)))) {
    return { kind: 'my_data' };
  }
  const bare = f
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (NOTIFY_COMMAND.test(plain) || NOTIFY_PHRASES.test(bare)) return { kind: 'notify' };
  if (STOP_COMMAND.test(plain) || STOP_PHRASES.test(bare)) return { kind: 'stop' };
  const ref = REF_CODE.exec(text);
  if (ref && words <= 10) return { kind: 'status', refCode: refCodeOf(ref) };
  return undefined;
}

/** A message that is only an attachment (photo, voice note, file…), with no words of the citizen's. */
export function isAttachmentOnly(contentKind: ContentKind, text: string): boolean {
  return contentKind !== 'text' && contentKind !== 'link' && /^\s*(\[[a-z_]+\]\s*)*$/i.test(text);
}

/**
 * A topic answer is sent only above this score: a wrong answer ("check your SMS" to a face-scan
 * problem) is worse than none, and the acknowledgement already tells the citizen they were heard.
 */
export const ANSWER_MIN_CONFIDENCE = 0.6;

export interface ComposeInput {
  lang: ReplyLang;
  refCode: string;
  firstContact: boolean;
  topic: string;
  /** The model's own low-confidence flag, and its best score: below ANSWER_MIN_CONFIDENCE, no answer. */
  lowConfidence?: boolean;
  confidence?: number;
  /** Scam and urgent-case signals in the citizen's words; they apply whatever the topic. */
  signals?: Signals;
  attachmentOnly?: boolean;
  /** The message is about an incident the team already knows (its topic's display name). */
  knownIncident?: { vi: string; en: string };
}

/**
 * One reply per inbound message (fewer messages, kinder to per-chat rate limits): the notice on first
 * contact, the acknowledgement, then — in order of how much they matter — the steps for an urgent
 * case, the scam warning, the request to describe an attachment in words, and a topic answer only when
 * the classifier is confident (a wrong answer is worse than none).
 */
export function composeAcknowledgement(texts: ConversationTexts, input: ComposeInput): string {
  const { lang } = input;
  const parts: string[] = [];
  if (input.firstContact) parts.push(texts.notice[lang]);
  parts.push(texts.ack[lang].replace('{ref}', input.refCode));
  if (input.knownIncident) parts.push(fill(texts.updates.known[lang], { topic: input.knownIncident[lang] }));
  const urgent = input.signals?.urgent ?? [];
  for (const kind of urgent) parts.push(texts.urgent[kind][lang]);
  const scam = input.signals?.scam ?? false;
  if (scam) parts.push(texts.scamWarning[lang]);
  if (input.attachmentOnly) {
    parts.push(texts.attachment[lang]);
  } else if (
    !input.lowConfidence &&
    (input.confidence ?? 1) >= ANSWER_MIN_CONFIDENCE &&
    urgent.length === 0
  ) {
    const answer = isTopicId(input.topic) ? texts.answers[input.topic] : undefined;
    // The privacy answer repeats what the scam warning says; one of them is enough.
    if (answer && !(scam && input.topic === 'privacy')) parts.push(answer[lang]);
  }
  return parts.join('\n\n');
}

/** Replies must fit the smallest platform limit (Messenger and Zalo: 2,000 characters). */
export const MAX_REPLY_CHARS = 1900;

const CITIZEN_TZ = 'Asia/Ho_Chi_Minh';
function citizenDate(ms: number, lang: ReplyLang): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: CITIZEN_TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(ms);
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

export interface StoredMessageSummary {
  receivedAt: number;
  topic: string;
  topicName: { vi: string; en: string };
  refCode: string | null;
  /** Redacted text: the only form we keep. */
  text: string;
}

/**
 * "My data": what is stored about the citizen on this channel, newest first, clipped to the platform
 * limit with a count of what did not fit (Decree 13/2023's right to know what is processed).
 */
export function composeMyData(
  texts: ConversationTexts,
  lang: ReplyLang,
  data: {
    firstSeenAt: number | null;
    noticeVersion: string | null;
    messages: readonly StoredMessageSummary[];
    total: number;
  },
): string {
  const t = texts.myData;
  const head: string[] = [t.header[lang]];
  if (data.firstSeenAt !== null) {
    head.push(
      fill(t.contact[lang], {
        first: citizenDate(data.firstSeenAt, lang),
        notice: data.noticeVersion ?? '–',
      }),
    );
  }
  if (data.messages.length === 0) return [...head, t.empty[lang], t.footer[lang]].join('\n');
  const lines: string[] = [];
  let used = head.join('\n').length + t.footer[lang].length + 40;
  for (const m of data.messages) {
    const clipped = m.text.length > 160 ? `${m.text.slice(0, 159)}…` : m.text;
    const line = fill(t.line[lang], {
      date: citizenDate(m.receivedAt, lang),
      topic: m.topicName[lang],
      ref: m.refCode ?? '–',
      text: clipped,
    });
    if (used + line.length + 1 > MAX_REPLY_CHARS) break;
    lines.push(line);
    used += line.length + 1;
  }
  const rest = data.total - lines.length;
  if (rest > 0) lines.push(fill(t.more[lang], { n: rest }));
  return [...head, ...lines, t.footer[lang]].join('\n');
}

/** The status of a reference code the citizen sent: only their own messages are ever looked up. */
export function composeStatus(
  texts: ConversationTexts,
  lang: ReplyLang,
  refCode: string,
  found:
    | {
        receivedAt: number;
        topicName: { vi: string; en: string };
        /** The incident the message belongs to: still open, or fixed with the team's note. */
        incident?: { state: 'open' } | { state: 'fixed'; at: number; note: { vi: string; en: string } };
      }
    | undefined,
): string {
  if (!found) return fill(texts.status.notFound[lang], { ref: refCode });
  const head = fill(texts.status.found[lang], {
    ref: refCode,
    date: citizenDate(found.receivedAt, lang),
    topic: found.topicName[lang],
  });
  const inc = found.incident;
  if (!inc) return head;
  if (inc.state === 'open') return `${head}\n${texts.status.known[lang]}`;
  return `${head}\n${fill(texts.status.fixed[lang], { date: citizenDate(inc.at, lang), note: inc.note[lang] })}`;
}

/** The notice sent once an incident is fixed, within the platforms' length limit. */
export function composeFixedNotice(
  texts: ConversationTexts,
  lang: ReplyLang,
  topicName: { vi: string; en: string },
  note: { vi: string; en: string },
): string {
  const text = fill(texts.updates.fixed[lang], { topic: topicName[lang], note: note[lang] });
  return text.length <= MAX_REPLY_CHARS ? text : `${text.slice(0, MAX_REPLY_CHARS - 1)}…`;
}

/** The reply to an opt-in ("báo tôi"): what will be followed, or that there is nothing yet. */
export function composeOptIn(
  texts: ConversationTexts,
  lang: ReplyLang,
  topicName: { vi: string; en: string } | undefined,
): string {
  return topicName
    ? fill(texts.updates.optedIn[lang], { topic: topicName[lang] })
    : texts.updates.nothingToFollow[lang];
}
