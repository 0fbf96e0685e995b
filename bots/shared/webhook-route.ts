import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Connector, Logger, WebhookRequest } from './connector.ts';
import { AuthError, InvalidInputError } from './errors.ts';
import type { Intake } from './intake.ts';
import { datedPlausibly } from './received-time.ts';

export interface WebhookRoutesOptions {
  connectors: readonly Connector[];
  intake: Intake;
  /** The clock that dates receipt (default Date.now). */
  now?: () => number;
  /** Keep platform times as given (replayed history, the demo's ingest); default: dated plausibly. */
  keepPlatformTimes?: boolean;
  logger: Logger;
  /** Largest accepted body in bytes (platform payloads are small; Meta batches stay well under 1 MB). */
  bodyLimit?: number;
  onOutcome?: (channel: string, outcome: WebhookOutcome) => void;
}

export type WebhookOutcome = 'accepted' | 'duplicate' | 'ignored' | 'unauthorized' | 'malformed' | 'error';

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

function toWebhookRequest(req: FastifyRequest): WebhookRequest {
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') query[k] = v;
  }
  return { headers: req.headers, query, rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
}

/**
 * `POST /webhooks/<channel>` for every connector, written once: raw bytes (signatures are over them),
 * verify → 401, JSON → 400, parse → 400, durable inbox write → 200. Nothing slow before the answer.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, opts) => {
  const bodyLimit = opts.bodyLimit ?? 1024 * 1024;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err.statusCode === 413)
      return sendError(reply, 413, 'payload_too_large', 'body exceeds the size limit');
    if (err.statusCode && err.statusCode < 500)
      return sendError(reply, err.statusCode, 'bad_request', err.message);
    opts.logger.error({ err: err.message }, 'webhook failed');
    return sendError(reply, 500, 'internal', 'could not store the event; please retry');
  });

  for (const connector of opts.connectors) {
    const channel = connector.channel;
    const outcome = (o: WebhookOutcome) => opts.onOutcome?.(channel, o);

    app.get(`/webhooks/${channel}`, async (req, reply) => {
      if (!connector.handshake) return sendError(reply, 405, 'method_not_allowed', 'use POST');
      const res = connector.handshake(toWebhookRequest(req));
      return reply.code(res.status).type('text/plain').send(res.body);
    });

    app.post(`/webhooks/${channel}`, { bodyLimit }, async (req, reply) => {
      const wreq = toWebhookRequest(req);
      try {
        connector.verify(wreq);
      } catch (err) {
        if (err instanceof AuthError) {
          outcome('unauthorized');
          return sendError(reply, 401, 'unauthorized', err.message);
        }
        throw err;
      }
      let body: unknown;
      try {
        body = JSON.parse(wreq.rawBody.toString('utf8'));
      } catch {
        outcome('malformed');
        return sendError(reply, 400, 'malformed_json', 'body is not valid JSON');
      }
      let events: ReturnType<Connector['parse']>;
      try {
        events = connector.parse(body, wreq);
      } catch (err) {
        if (err instanceof InvalidInputError) {
          outcome('malformed');
          return sendError(reply, 400, 'invalid_payload', err.message);
        }
        throw err;
      }
      if (events.length === 0) {
        outcome('ignored');
        return reply.code(200).send({ ok: true, stored: 0, ignored: true });
      }
      const dated = opts.keepPlatformTimes ? events : datedPlausibly(events, (opts.now ?? Date.now)());
      const result = await opts.intake.accept(dated);
      outcome(result.stored > 0 ? 'accepted' : 'duplicate');
      return reply.code(200).send({ ok: true, stored: result.stored, duplicates: result.duplicates });
    });
  }
};
