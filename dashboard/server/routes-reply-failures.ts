/**
 * Why replies failed for good, by channel and reason. Some failures are expected: a platform refuses a
 * reply outside its window (Facebook 24 hours after the citizen's last message, 7 days for a private
 * reply to a comment; Zalo's interaction window) or to a citizen who blocked the bot. The others need
 * someone to look: a rejected token, a platform that kept failing, a request the platform refused.
 */
import type { FastifyInstance } from 'fastify';
import type { ReplyFailureReason, ReplyFailuresResponse } from './api-types.ts';
import type { DashboardDeps } from './deps.ts';

/** Expected reasons (nothing to fix) first; the rest need attention. */
const RULES: [ReplyFailureReason, RegExp][] = [
  ['outside_window', /outside .*window/i],
  ['user_unavailable', /user unavailable|blocked|deactivated|chat not found|user is not/i],
  ['token', /token/i],
  ['no_address', /address|without chatId|no time of the last user message/i],
  ['platform_down', /request failed|HTTP 5\d\d|server error|telegram 5\d\d|unreadable body/i],
  ['rejected', /HTTP 4\d\d|telegram 4\d\d|rejected|-\d{3}/i],
];
export const EXPECTED_REASONS: ReadonlySet<ReplyFailureReason> = new Set([
  'outside_window',
  'user_unavailable',
]);

export function replyFailureReason(error: string | null): ReplyFailureReason {
  for (const [reason, re] of RULES) if (error && re.test(error)) return reason;
  return 'other';
}

export async function registerReplyFailureRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  app.get(
    '/admin/reply-failures',
    {
      config: { role: 'admin' },
      schema: { tags: ['admin'], summary: 'Failed replies by channel and reason (expected ones marked)' },
    },
    async (): Promise<ReplyFailuresResponse> => {
      const rows = await deps.db.kysely
        .selectFrom('replies')
        .select(['channel', 'error', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'failed')
        .groupBy(['channel', 'error'])
        .execute();
      const counts = new Map<string, ReplyFailuresResponse['items'][number]>();
      for (const r of rows) {
        const reason = replyFailureReason(r.error);
        const key = `${r.channel}\u0000${reason}`;
        const item = counts.get(key) ?? {
          channel: r.channel,
          reason,
          expected: EXPECTED_REASONS.has(reason),
          count: 0,
        };
        item.count += Number(r.n);
        counts.set(key, item);
      }
      const items = [...counts.values()].sort(
        (a, b) =>
          Number(a.expected) - Number(b.expected) || b.count - a.count || (a.channel < b.channel ? -1 : 1),
      );
      return { items };
    },
  );
}
