/**
 * While the demo loads its sample, PORT answers with a self-refreshing progress page (the API with
 * 503) and the product that ingests the sample listens on a private port. Why: the dashboard warms
 * and then holds past days' roll-ups in memory for minutes, so a dashboard started before the
 * backfill would show weeks of nothing; the one started after it shows the whole sample at once.
 */
import { createServer, type Server } from 'node:http';

export interface LoadingStatus {
  replayed: number;
  deliveries: number;
  analysed: number;
}

export interface LoadingPage {
  /** The port listened on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

export async function startLoadingPage(
  port: number,
  host: string,
  status: () => LoadingStatus,
): Promise<LoadingPage> {
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/webhooks/')) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(
        JSON.stringify({ error: { code: 'demo_loading', message: 'The demo is still loading its sample.' } }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(status()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: address !== null && typeof address === 'object' ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function page(s: LoadingStatus): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const pct = s.deliveries > 0 ? Math.round((100 * (s.replayed + s.analysed)) / (2 * s.deliveries)) : 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>VNeID feedback demo: loading</title>
<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1f2937}
progress{width:100%;height:1rem}small{color:#6b7280}</style></head>
<body><h1>VNeID feedback demo</h1>
<p>Loading six weeks of sample conversations through the real webhooks&hellip;</p>
<progress max="100" value="${pct}"></progress>
<p>${n(s.replayed)} of ${n(s.deliveries)} deliveries replayed &middot; ${n(s.analysed)} messages analysed</p>
<p><small>This page reloads itself and turns into the dashboard when the sample is in (usually under a minute).</small></p>
</body></html>`;
}
