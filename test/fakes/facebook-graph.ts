/**
 * A fake Graph API on a real `node:http` port. It answers only the calls the Facebook connector
 * makes, checks their exact shape (path, version, token, content type, body) the way Graph does, and
 * can be told to answer the next calls with errors, 429s or 500s. Everything received is recorded.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
  /** The status the fake answered. */
  status: number;
}

export interface GraphReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeGraph {
  url: string;
  /** Every request, in arrival order. */
  received: GraphRequest[];
  /** Requests answered 200 (what the platform actually delivered). */
  delivered(): GraphRequest[];
  /** The next valid requests get these replies instead of success, in order. */
  failNext(...replies: GraphReply[]): void;
  close(): Promise<void>;
}

export const graphErrors = {
  outsideWindow: {
    status: 400,
    body: {
      error: {
        message: '(#10) This message is sent outside of allowed window.',
        type: 'OAuthException',
        code: 10,
        error_subcode: 2018278,
        fbtrace_id: 'AbCdEf123',
      },
    },
  },
  rateLimited: {
    status: 400,
    body: {
      error: {
        message: '(#613) Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        code: 613,
        fbtrace_id: 'Rl613',
      },
    },
  },
  tooMany: { status: 429, body: { error: { message: 'Too many requests', code: 4, fbtrace_id: 'Tm429' } } },
  serverError: {
    status: 500,
    body: {
      error: {
        message: 'An unknown error has occurred.',
        type: 'OAuthException',
        code: 1,
        is_transient: true,
        fbtrace_id: 'Se500',
      },
    },
  },
  userUnavailable: {
    status: 400,
    body: {
      error: {
        message: "This person isn't available right now.",
        type: 'OAuthException',
        code: 551,
        error_subcode: 1545041,
        fbtrace_id: 'Uu551',
      },
    },
  },
} satisfies Record<string, GraphReply>;

function oauthError(message: string, code: number): GraphReply {
  return {
    status: code === 190 ? 401 : 400,
    body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'FakeTrace' } },
  };
}

export async function startFakeGraph(opts: {
  pageAccessToken: string;
  version?: string;
}): Promise<FakeGraph> {
  const version = opts.version ?? 'v24.0';
  const received: GraphRequest[] = [];
  const scripted: GraphReply[] = [];
  let nextId = 1;

  function answer(req: Omit<GraphRequest, 'status'>): GraphReply {
    if (req.method !== 'POST') return oauthError('Unsupported get request.', 100);
    if (req.query['access_token'] !== opts.pageAccessToken) {
      return oauthError('Invalid OAuth access token - Cannot parse access token', 190);
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return oauthError('(#100) The parameter recipient is required', 100);
    }
    const body = req.body;
    const messages = new RegExp(`^/${version}/me/messages$`).test(req.path);
    const comments = new RegExp(`^/${version}/([0-9_]+)/comments$`).exec(req.path);
    if (messages) {
      const problem = checkMessageBody(body);
      if (problem) return oauthError(`(#100) ${problem}`, 100);
    } else if (comments) {
      if (!isRecord(body) || typeof body['message'] !== 'string' || Object.keys(body).length !== 1) {
        return oauthError('(#100) Missing message or attachment', 100);
      }
    } else {
      return {
        status: 404,
        body: {
          error: { message: `Unknown path components: ${req.path}`, type: 'OAuthException', code: 2500 },
        },
      };
    }
    const failure = scripted.shift();
    if (failure) return failure;
    const id = nextId++;
    if (comments) return { status: 200, body: { id: `${comments[1]}_${9000 + id}` } };
    const recipient = isRecord(body) && isRecord(body['recipient']) ? body['recipient'] : {};
    return {
      status: 200,
      body: { recipient_id: recipient['id'] ?? `psid-for-comment-${id}`, message_id: `m_fake_${id}` },
    };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const base = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        rawBody,
        body: safeJson(rawBody),
      };
      const reply = answer(base);
      received.push({ ...base, status: reply.status });
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    delivered: () => received.filter((r) => r.status === 200),
    failNext: (...replies) => scripted.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Send API body: a PSID recipient needs messaging_type RESPONSE (the only type we may use). */
function checkMessageBody(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body['recipient']) || !isRecord(body['message'])) {
    return 'The parameter recipient is required';
  }
  const text = body['message']['text'];
  if (typeof text !== 'string' || text.length === 0) return 'The parameter message[text] is required';
  if (Array.from(text).length > 2000) return 'param message[text] must be at most 2000 characters';
  const r = body['recipient'];
  const keys = Object.keys(r);
  if (keys.length !== 1) return 'recipient must have exactly one of id, comment_id';
  if (typeof r['id'] === 'string') {
    if (body['messaging_type'] !== 'RESPONSE') return 'messaging_type must be RESPONSE for this app';
    return undefined;
  }
  if (typeof r['comment_id'] === 'string') {
    const type = body['messaging_type'];
    return type === undefined || type === 'RESPONSE'
      ? undefined
      : 'unsupported messaging_type for a private reply';
  }
  return 'recipient must have exactly one of id, comment_id';
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
