/**
 * `urgent-digest` (every minute): tells the team chat about urgent cases the pipeline recorded since
 * the last run — counts per kind and a link to the dashboard's list, never the citizens' words. The
 * outbox key is the newest case's id, so a retried or concurrent run announces each batch once.
 */

import { markUrgentCasesNotified, unnotifiedUrgentCases } from '../db/urgent-cases.ts';
import type { TeamDeps } from './alerts.worker.ts';

const KIND_NAMES: Record<string, { vi: string; en: string }> = {
  money_lost: { vi: 'mất tiền', en: 'money lost' },
  account_takeover: { vi: 'bị chiếm tài khoản', en: 'account taken over' },
  data_misuse: { vi: 'dữ liệu bị dùng trái phép', en: 'data misused' },
};

export interface UrgentDigestDeps extends Pick<TeamDeps, 'db' | 'now' | 'logger' | 'notifyTeam' | 'lang'> {
  /** Public base URL of the dashboard, when known; otherwise the link is a path. */
  publicUrl?: string | undefined;
}

export function urgentDigestText(lang: 'vi' | 'en', kinds: readonly string[][], link: string): string {
  const counts = new Map<string, number>();
  for (const ks of kinds) for (const k of ks) counts.set(k, (counts.get(k) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${KIND_NAMES[k]?.[lang] ?? k}: ${n}`).join(', ');
  return lang === 'vi'
    ? `🚨 ${kinds.length} trường hợp khẩn cấp mới (${parts}). Xem và đánh dấu đã xử lý: ${link}`
    : `🚨 ${kinds.length} new urgent case(s) (${parts}). Review and mark handled: ${link}`;
}

export function createUrgentDigestProcessor(deps: UrgentDigestDeps) {
  return async (): Promise<{ announced: number }> => {
    const cases = await unnotifiedUrgentCases(deps.db);
    const last = cases.at(-1);
    if (!last) return { announced: 0 };
    const link = `${(deps.publicUrl ?? '').replace(/\/$/, '')}/urgent`;
    await deps.notifyTeam(
      `urgent:${last.id}`,
      urgentDigestText(
        deps.lang ?? 'vi',
        cases.map((c) => c.kinds),
        link,
      ),
    );
    await markUrgentCasesNotified(
      deps.db,
      cases.map((c) => c.id),
      deps.now(),
    );
    deps.logger.info({ cases: cases.length }, 'urgent cases announced to the team');
    return { announced: cases.length };
  };
}
