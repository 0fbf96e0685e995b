import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../app/cli.ts';
import { run } from '../app/commands/user.ts';
import { startEnrolment, totpState } from '../db/totp.ts';
import { authenticate } from '../db/users.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

function io(url: string, stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    readStdin: async () => stdin,
    env: { DATABASE_URL: url },
  };
  return { value, out, err };
}

describe.each(DIALECTS)('cli user add on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('creates an account whose stdin password signs in', async () => {
    const cli = io(t.url, 'mật khẩu thật dài\n');
    expect(await run(['add', '--email', 'Analyst@Example.vn', '--role', 'analyst'], cli.value)).toBe(0);
    expect(JSON.parse(cli.out[0] ?? '{}')).toMatchObject({ email: 'analyst@example.vn', role: 'analyst' });
    expect(await authenticate(t.db, 'analyst@example.vn', 'mật khẩu thật dài', 1)).toMatchObject({
      role: 'analyst',
    });
    expect(await authenticate(t.db, 'analyst@example.vn', 'mật khẩu thật dài\n', 1)).toBeUndefined();
  });

  it('refuses a duplicate, an unknown role and a short password', async () => {
    expect(
      await run(
        ['add', '--email', 'analyst@example.vn', '--role', 'analyst'],
        io(t.url, 'long enough pw').value,
      ),
    ).toBe(1);
    expect(
      await run(['add', '--email', 'x@example.vn', '--role', 'root'], io(t.url, 'long enough pw').value),
    ).toBe(2);
    const short = io(t.url, 'short');
    expect(await run(['add', '--email', 'x@example.vn', '--role', 'viewer'], short.value)).toBe(2);
    expect(short.err.join('\n')).toContain('at least');
  });

  it("reset-2fa removes an account's second factor so it enrols again, and is audited", async () => {
    const user = await authenticate(t.db, 'analyst@example.vn', 'mật khẩu thật dài', 1);
    await startEnrolment(t.db, { id: user?.id ?? 0, email: 'analyst@example.vn' }, 1);
    expect(await totpState(t.db, user?.id ?? 0)).toEqual({ confirmed: false });
    const cli = io(t.url, '');
    expect(await run(['reset-2fa', '--email', 'ANALYST@example.vn'], cli.value)).toBe(0);
    expect(JSON.parse(cli.out[0] ?? '{}')).toMatchObject({ email: 'analyst@example.vn', reset: true });
    expect(await totpState(t.db, user?.id ?? 0)).toBeUndefined();
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.reset_2fa')
      .execute();
    expect(audit).toHaveLength(1);
    expect(await run(['reset-2fa', '--email', 'nobody@example.vn'], io(t.url, '').value)).toBe(1);
  });
});
