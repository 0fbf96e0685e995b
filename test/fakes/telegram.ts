import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TelegramCall {
  method: string;
  token: string;
  body: Record<string, unknown>;
  contentType: string | undefined;
}

/**
 * A local Bot API server speaking Telegram's real wire format: `POST /bot<token>/<method>` with a JSON
 * (or form) body, answering `{ok:true,result}` or `{ok:false,error_code,description,parameters}`.
 */
export class FakeTelegram {
  readonly calls: TelegramCall[] = [];
  private failures: Array<{ status: number; retryAfter?: number }> = [];
  private server: Server;
  private nextId = 1000;
  /** Updates waiting for `getUpdates` (long polling). */
  readonly pending: Array<{ update_id: number }> = [];
  url = '';

  constructor(readonly token: string) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next `count` API calls answer with this error (500, 429 with retry_after, 403…). */
  failNext(status: number, count = 1, retryAfter?: number): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, ...(retryAfter ? { retryAfter } : {}) });
  }

  sent(): TelegramCall[] {
    return this.calls.filter((c) => c.method === 'sendMessage');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!m || req.method !== 'POST')
      return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const ct = req.headers['content-type'];
    let body: Record<string, unknown> = {};
    if (raw) body = ct?.includes('json') ? JSON.parse(raw) : Object.fromEntries(new URLSearchParams(raw));
    this.calls.push({ method: m[2]!, token: m[1]!, body, contentType: ct });
    const failure = this.failures.shift();
    if (failure) {
      return reply(failure.status, {
        ok: false,
        error_code: failure.status,
        description: failure.status === 429 ? 'Too Many Requests: retry later' : 'Internal Server Error',
        ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
    if (m[2] === 'sendMessage') {
      return reply(200, {
        ok: true,
        result: {
          message_id: this.nextId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body['chat_id']), type: 'private' },
          text: body['text'],
        },
      });
    }
    if (m[2] === 'getUpdates') {
      // Long polling: confirm everything below `offset`, hold the request briefly when empty.
      const offset = Number(body['offset'] ?? 0);
      while (this.pending.length > 0 && this.pending[0]!.update_id < offset) this.pending.shift();
      if (this.pending.length === 0) await new Promise((r) => setTimeout(r, 100));
      return reply(200, { ok: true, result: this.pending.slice(0, Number(body['limit'] ?? 100)) });
    }
    if (m[2] === 'getMe') {
      return reply(200, {
        ok: true,
        result: { id: 1, is_bot: true, first_name: 'VNeID Góp ý', username: 'vneid_bot' },
      });
    }
    return reply(200, { ok: true, result: true });
  }
}

let updateSeq = 500_000;

/** A real-format private-chat text update. */
export function telegramTextUpdate(
  text: string,
  opts: { updateId?: number; chatId?: number; messageId?: number; lang?: string; date?: number } = {},
) {
  const updateId = opts.updateId ?? updateSeq++;
  const chatId = opts.chatId ?? 777_001;
  return {
    update_id: updateId,
    message: {
      message_id: opts.messageId ?? updateId,
      date: opts.date ?? Math.floor(Date.now() / 1000),
      from: { id: chatId, is_bot: false, first_name: 'Lan', language_code: opts.lang ?? 'vi' },
      chat: { id: chatId, type: 'private', first_name: 'Lan' },
      text,
    },
  };
}
