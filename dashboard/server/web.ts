/**
 * Serves the built UI (dashboard/web/dist) at `/`. Client-side routes get index.html; hashed assets
 * are cached for a year, index.html never (so a deploy is picked up at once). Any other address a
 * browser opens gets index.html with status 404, so the UI shows its not-found page in the reader's
 * language; other clients get the API's JSON error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from './errors.ts';

const SPA_ROUTES = [
  '/',
  '/login',
  '/topics',
  '/topics/:topic',
  '/messages',
  '/messages/:id',
  '/alerts',
  '/reports',
  '/admin',
  '/review',
  '/citizens',
];

export async function registerWeb(app: FastifyInstance, root: string): Promise<void> {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    for (const route of SPA_ROUTES) {
      app.get(route, async (_request, reply) =>
        reply
          .status(503)
          .type('text/plain; charset=utf-8')
          .send('The dashboard UI is not built yet: run `npm run build`, then reload.'),
      );
    }
    return;
  }
  const headers = {
    'content-security-policy':
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
  // Only /assets/* is served from disk, with a wildcard so a rebuild's new hashed files are found
  // without a restart; every other path stays the host's.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    wildcard: true,
    setHeaders: (res) => {
      res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  // Read per request: a rebuild replaces index.html and the server should serve the new one.
  const sendIndex = (reply: FastifyReply) =>
    reply
      .headers({ ...headers, 'cache-control': 'no-cache' })
      .type('text/html; charset=utf-8')
      .send(readFileSync(indexFile));
  for (const route of SPA_ROUTES) app.get(route, async (_request, reply) => sendIndex(reply));
  app.setNotFoundHandler(async (request, reply) => {
    const page = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (page) return sendIndex(reply.status(404));
    return reply.status(404).send(errorBody('not_found', 'Nothing at this address.'));
  });
}
