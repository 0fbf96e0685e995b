/**
 * Fake Zalo OA Open API and OAuth servers on real `node:http` ports, speaking Zalo's wire format:
 * failures are HTTP 200 with a non-zero `error`. The OA API checks the `access_token` header and the
 * exact body; OAuth checks the `secret_key` header, the form body and that each refresh token is used
 * once (a reused one gets -14014, as on Zalo). Tests can expire the access token, script errors, 429s
 * and 500s, and slow the refresh down to widen races. Everything received is recorded.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  status: number;
  /** The `error` field answered (0 = success), when JSON. */
  error: number | undefined;
}

export interface ZaloReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeZaloOptions {
  appId: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Delay before answering a refresh, to let concurrent callers collide. */
  refreshDelayMs?: number;
}

export interface FakeZalo {
  openapiUrl: string;
  oauthUrl: string;
  received: ZaloRequest[];
  /** Messages Zalo accepted (`error: 0`). */
  delivered(): ZaloRequest[];
  refreshes(): ZaloRequest[];
  /** The pair Zalo currently honours. */
  tokens(): { accessToken: string; refreshToken: string };
  /** The current access token stops working (Zalo answers -216 until a refresh). */
  expireAccessToken(): void;
  /** The next valid sends get these replies instead of success, in order. */
  failNext(...replies: ZaloReply[]): void;
  close(): Promise<void>;
}

export const zaloErrors = {
  tokenExpired: { status: 200, body: { error: -216, message: 'Access token is invalid' } },
  outsideWindow: {
    status: 200,
    body: { error: -230, message: 'User has not interacted with the OA in the past 7 days' },
  },
  notFollower: {
    status: 200,
    body: { error: -213, message: 'User has not followed OA or interacted recently' },
  },
  badParam: { status: 200, body: { error: -201, message: 'Parameters are invalid' } },
  serverError: { status: 500, body: '<html><body>500 Internal Server Error</body></html>' },
  tooMany: { status: 429, body: { error: -32, message: 'Exceeded request rate' } },
} satisfies Record<string, ZaloReply>;

export async function startFakeZalo(opts: FakeZaloOptions): Promise<FakeZalo> {
  const received: ZaloRequest[] = [];
  const scripted: ZaloReply[] = [];
  let access = opts.accessToken;
  let refresh = opts.refreshToken;
  let expired = false;
  let generation = 0;
  let messageSeq = 0;

  function openapi(method: string, path: string, headers: IncomingHttpHeaders, raw: string): ZaloReply {
    if (method !== 'POST' || path !== '/v3.0/oa/message/cs') {
      return { status: 404, body: { error: 404, message: 'empty api' } };
    }
    if (headers['access_token'] !== access || expired) return zaloErrors.tokenExpired;
    if (!String(headers['content-type'] ?? '').startsWith('application/json')) return zaloErrors.badParam;
    const body = safeJson(raw);
    if (!isRecord(body) || Object.keys(body).sort().join() !== 'message,recipient')
      return zaloErrors.badParam;
    const recipient = body['recipient'];
    const message = body['message'];
    if (
      !isRecord(recipient) ||
      Object.keys(recipient).join() !== 'user_id' ||
      typeof recipient['user_id'] !== 'string'
    ) {
      return zaloErrors.badParam; // a number here would have lost digits
    }
    if (!isRecord(message) || typeof message['text'] !== 'string' || message['text'].length === 0) {
      return zaloErrors.badParam;
    }
    if (Array.from(message['text']).length > 2000)
      return { status: 200, body: { error: -210, message: 'Text too long' } };
    const failure = scripted.shift();
    if (failure) return failure;
    messageSeq += 1;
    return {
      status: 200,
      body: {
        error: 0,
        message: 'Success',
        data: {
          message_id: `fakemsg${messageSeq}`,
          user_id: recipient['user_id'],
          quota: { quota_type: 'reply', remain: '7', total: '8' },
        },
      },
    };
  }

  async function oauth(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    raw: string,
  ): Promise<ZaloReply> {
    if (method !== 'POST' || path !== '/v4/oa/access_token')
      return { status: 404, body: { error: -14001, message: 'not found' } };
    if (headers['secret_key'] !== opts.appSecret) {
      return {
        status: 200,
        body: { error: -14004, error_name: 'Invalid secret key', error_description: 'secret_key is invalid' },
      };
    }
    if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return { status: 200, body: { error: -14003, error_name: 'Invalid parameter' } };
    }
    const form = new URLSearchParams(raw);
    if (form.get('app_id') !== opts.appId || form.get('grant_type') !== 'refresh_token') {
      return { status: 200, body: { error: -14002, error_name: 'Invalid app_id or grant_type' } };
    }
    if (opts.refreshDelayMs) await new Promise((r) => setTimeout(r, opts.refreshDelayMs));
    if (form.get('refresh_token') !== refresh) {
      return {
        status: 200,
        body: {
          error: -14014,
          error_name: 'Invalid refresh token',
          error_description: 'Refresh token is invalid',
        },
      };
    }
    generation += 1;
    access = `fake-access-${generation}`;
    refresh = `fake-refresh-${generation}`; // the old one is spent
    expired = false;
    return { status: 200, body: { access_token: access, refresh_token: refresh, expires_in: '90000' } };
  }

  const start = async (route: typeof oauth): Promise<[Server, string]> => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const path = new URL(req.url ?? '/', 'http://fake').pathname;
        void route(req.method ?? 'GET', path, req.headers, raw).then((reply) => {
          const error =
            isRecord(reply.body) && typeof reply.body['error'] === 'number' ? reply.body['error'] : undefined;
          received.push({
            method: req.method ?? 'GET',
            path,
            headers: req.headers,
            rawBody: raw,
            status: reply.status,
            error,
          });
          const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          res.writeHead(reply.status, { 'content-type': 'application/json;charset=utf-8', ...reply.headers });
          res.end(text);
        });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
  };
  const [apiServer, openapiUrl] = await start(async (...a) => openapi(...a));
  const [authServer, oauthUrl] = await start(oauth);
  const closeOne = (s: Server) =>
    new Promise<void>((resolve, reject) => {
      s.closeAllConnections();
      s.close((err) => (err ? reject(err) : resolve()));
    });
  return {
    openapiUrl,
    oauthUrl,
    received,
    delivered: () => received.filter((r) => r.path === '/v3.0/oa/message/cs' && r.error === 0),
    refreshes: () => received.filter((r) => r.path === '/v4/oa/access_token'),
    tokens: () => ({ accessToken: access, refreshToken: refresh }),
    expireAccessToken: () => {
      expired = true;
    },
    failNext: (...replies) => scripted.push(...replies),
    close: async () => {
      await Promise.all([closeOne(apiServer), closeOne(authServer)]);
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
