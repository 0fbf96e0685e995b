/** The audit log: every read of message text, every export and every relabel, browsable by admins. */
import { redact } from '../workers/analysis/redact.ts';
import type { Db } from './database.ts';

export interface AuditEntryInput {
  userId: number | null;
  userEmail: string;
  action: string;
  target?: string | null;
  /**
   * Filters, counts, labels: never message text. Every string in it is stored redacted (a phone
   * number typed into search is kept as "[SĐT]"), so neither the table nor the audit API holds it.
   */
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditEntry {
  id: number;
  at: number;
  userEmail: string;
  action: string;
  target: string | null;
  details: string;
  ip: string | null;
}

/** The details with every string, at any depth, passed through the analysis redaction. */
export function redactDetails(value: unknown): unknown {
  if (typeof value === 'string') return redact(value).text;
  if (Array.isArray(value)) return value.map(redactDetails);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDetails(v)]));
  }
  return value;
}

export async function writeAudit(db: Db, entry: AuditEntryInput, now: number): Promise<void> {
  await db.kysely
    .insertInto('audit_log')
    .values({
      at: now,
      user_id: entry.userId,
      user_email: entry.userEmail,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(redactDetails(entry.details ?? {})),
      ip: entry.ip ?? null,
    })
    .execute();
}

export async function listAudit(
  db: Db,
  options: { page: number; pageSize: number; action?: string; userEmail?: string },
): Promise<{ total: number; items: AuditEntry[] }> {
  let q = db.kysely.selectFrom('audit_log');
  if (options.action) q = q.where('action', '=', options.action);
  if (options.userEmail) q = q.where('user_email', '=', options.userEmail);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(['id', 'at', 'user_email', 'action', 'target', 'details', 'ip'])
    .orderBy('id', 'desc')
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      userEmail: r.user_email,
      action: r.action,
      target: r.target,
      details: r.details,
      ip: r.ip,
    })),
  };
}
