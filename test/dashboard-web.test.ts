import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWeb } from '../dashboard/server/web.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function webRoot(withBuild: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'vneid-web-'));
  dirs.push(dir);
  if (withBuild) {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  }
  return dir;
}

describe('dashboard web plugin', () => {
  it('serves index.html for client routes and hashed assets with long caching', async () => {
    const app = Fastify();
    await app.register(async (a) => registerWeb(a, webRoot(true)));
    app.get('/healthz', async () => ({ ok: true }));
    const page = await app.inject({ url: '/messages/42?topic=otp' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await app.inject({ url: '/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    await app.close();
  });

  it('answers an unknown address with the UI (status 404) for browsers and JSON for other clients', async () => {
    const app = Fastify();
    await app.register(
      async (a) => {
        a.setNotFoundHandler((_req, reply) =>
          reply.status(404).send({ error: { code: 'not_found', message: 'api' } }),
        );
      },
      { prefix: '/api' },
    );
    await app.register(async (a) => registerWeb(a, webRoot(true)));
    const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    const page = await app.inject({ url: '/no/such/page', headers: html });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
    const json = await app.inject({ url: '/no/such/page', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const post = await app.inject({ method: 'POST', url: '/no/such/page', headers: html });
    expect(post.headers['content-type']).toContain('json');
    // The API keeps its own not-found answer, even for a browser.
    const api = await app.inject({ url: '/api/nope', headers: html });
    expect(api.json()).toEqual({ error: { code: 'not_found', message: 'api' } });
    await app.close();
  });

  it('says how to build the UI when it is missing', async () => {
    const app = Fastify();
    await app.register(async (a) => registerWeb(a, webRoot(false)));
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build');
    await app.close();
  });
});
