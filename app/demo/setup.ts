/** What the demo writes besides webhook traffic: dashboard accounts and release markers. */
import type { Db } from '../../db/database.ts';
import { addRelease, listReleases } from '../../db/trends.ts';
import { createUser, DuplicateUserError } from '../../db/users.ts';
import type { Release } from './schedule.ts';
import { DEMO_ACCOUNTS } from './settings.ts';

/** Creates the demo accounts; an account that already exists is left as it is. */
export async function ensureDemoAccounts(db: Db, now: number): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    try {
      await createUser(db, account, now);
    } catch (err) {
      if (!(err instanceof DuplicateUserError)) throw err;
    }
  }
}

/** Adds the release markers the sample's incidents follow (once per label). */
export async function ensureReleases(db: Db, releases: readonly Release[], now: number): Promise<void> {
  const existing = new Set((await listReleases(db, {})).map((r) => r.label));
  for (const r of releases) {
    if (existing.has(r.label)) continue;
    await addRelease(db, { at: r.at, label: r.label, kind: r.kind, createdBy: 'demo' }, now);
  }
}

export async function countMessages(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countAlerts(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
