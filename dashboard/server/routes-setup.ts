/**
 * A new deployment's first steps: whether an account exists (the sign-in page and the start-up log say
 * how to create the first one) and whether any message is stored yet (the Overview says how to connect
 * a channel or import history instead of showing zeros).
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { SetupDataResponse, SetupResponse } from './api-types.ts';
import type { DashboardDeps } from './deps.ts';

/** The command that creates the first admin (the password is read from stdin). */
export const FIRST_ADMIN_COMMAND =
  "echo 'a-long-password' | npm run --silent cli -- user add --email you@example.org --role admin";

async function hasAccounts(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('dashboard_users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

async function hasMessages(db: Db): Promise<boolean> {
  const row = await db.kysely.selectFrom('messages').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function registerSetupRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  app.addHook('onReady', async () => {
    try {
      if (!(await hasAccounts(deps.db)))
        deps.logger.warn(
          { command: FIRST_ADMIN_COMMAND },
          `No dashboard account exists yet. Create the first admin with: ${FIRST_ADMIN_COMMAND}`,
        );
    } catch (err) {
      deps.logger.warn({ err }, 'could not check for dashboard accounts');
    }
  });

  app.get(
    '/setup',
    { config: { role: 'public' }, schema: { tags: ['auth'], summary: 'Whether any account exists yet' } },
    async (): Promise<SetupResponse> => ({
      hasAccounts: await hasAccounts(deps.db),
      firstAdminCommand: FIRST_ADMIN_COMMAND,
    }),
  );

  app.get(
    '/setup/data',
    {
      config: { role: 'viewer' },
      schema: { tags: ['aggregates'], summary: 'Whether any message is stored yet' },
    },
    async (): Promise<SetupDataResponse> => ({ hasMessages: await hasMessages(deps.db) }),
  );
}
