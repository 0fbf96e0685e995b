/**
 * `npm run --silent cli -- user add --email <e> --role viewer|analyst|admin` (password on stdin):
 * creates a dashboard account. Prints the account as one JSON line; never echoes the password.
 */
import { parseArgs } from 'node:util';
import { createDb } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createUser, DuplicateUserError, isRole, MIN_PASSWORD_LENGTH } from '../../db/users.ts';
import type { CliIo } from '../cli.ts';
import { loadConfig } from '../config.ts';

const USAGE =
  'usage: echo "<password>" | npm run --silent cli -- user add --email <e> --role viewer|analyst|admin';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    io.stderr(USAGE);
    return 2;
  }
  let values: { email?: string | undefined; role?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, role: { type: 'string' } },
    }));
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { email, role } = values;
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    io.stderr(`--email must be an email address\n${USAGE}`);
    return 2;
  }
  if (!role || !isRole(role)) {
    io.stderr(`--role must be viewer, analyst or admin\n${USAGE}`);
    return 2;
  }
  // Only the final line break is the terminal's; everything else belongs to the password.
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) {
    io.stderr(`the password (on standard input) must be at least ${MIN_PASSWORD_LENGTH} characters`);
    return 2;
  }
  const config = loadConfig(io.env);
  const db = await createDb(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const user = await createUser(db, { email, role, password }, Date.now());
    io.stdout(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
    return 0;
  } catch (err) {
    if (err instanceof DuplicateUserError) {
      io.stderr(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}
