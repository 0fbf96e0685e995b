/** Admin: accounts, the audit log, connector and queue status, settings (read-only). */

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CHANNELS } from '../../bots/shared/events.ts';
import { listAudit, writeAudit } from '../../db/audit.ts';
import { backlog } from '../../db/backlog.ts';
import { channelHealth, zaloTokenHealth } from '../../db/channel-health.ts';
import { createModelRegistry } from '../../db/models.ts';
import {
  createUser,
  DuplicateUserError,
  listUsers,
  MIN_PASSWORD_LENGTH,
  ROLES,
  updateUser,
} from '../../db/users.ts';
import type { AuditResponse, StatusResponse, UsersResponse } from './api-types.ts';
import { userOf } from './auth.ts';
import type { DashboardDeps } from './deps.ts';
import { ApiError, invalid, notFound } from './errors.ts';
import { doc, IdParam, PageQuery } from './query.ts';

const NewUser = z.object({
  email: z.email(),
  role: z.enum(ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
});
const UserPatch = z.object({
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
});
const AuditQuery = PageQuery.extend({
  action: z.string().max(64).optional(),
  user: z.string().max(254).optional(),
});

export async function registerAdminRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  app.get(
    '/admin/users',
    { config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'Dashboard accounts' } },
    async (): Promise<UsersResponse> => ({ items: await listUsers(deps.db) }),
  );

  app.post(
    '/admin/users',
    {
      config: { role: 'admin' },
      schema: { tags: ['admin'], summary: 'Create an account', body: doc(NewUser) },
    },
    async (request, reply) => {
      const body = NewUser.parse(request.body);
      const admin = userOf(request);
      try {
        const user = await createUser(deps.db, body, deps.now());
        await writeAudit(
          deps.db,
          {
            userId: admin.id,
            userEmail: admin.email,
            action: 'user.create',
            target: `user:${user.id}`,
            details: { role: user.role },
            ip: request.ip,
          },
          deps.now(),
        );
        void reply.status(201);
        return user;
      } catch (err) {
        if (err instanceof DuplicateUserError) throw new ApiError('account_exists', err.message);
        throw err;
      }
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Change role, disable, reset password',
        params: doc(IdParam),
        body: doc(UserPatch),
      },
    },
    async (request) => {
      const { id } = IdParam.parse(request.params);
      const patch = UserPatch.parse(request.body);
      const admin = userOf(request);
      if (id === admin.id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
        throw invalid('own_account', 'you cannot disable or demote your own account');
      }
      const user = await updateUser(deps.db, id, patch, deps.now());
      if (!user) throw notFound('User');
      const details = {
        role: patch.role,
        disabled: patch.disabled,
        passwordReset: patch.password !== undefined,
      };
      await writeAudit(
        deps.db,
        {
          userId: admin.id,
          userEmail: admin.email,
          action: 'user.update',
          target: `user:${id}`,
          details,
          ip: request.ip,
        },
        deps.now(),
      );
      return user;
    },
  );

  app.get(
    '/admin/audit',
    {
      config: { role: 'admin' },
      schema: { tags: ['admin'], summary: 'The audit log, newest first', querystring: doc(AuditQuery) },
    },
    async (request): Promise<AuditResponse> => {
      const q = AuditQuery.parse(request.query);
      const result = await listAudit(deps.db, {
        page: q.page,
        pageSize: q.pageSize,
        ...(q.action ? { action: q.action } : {}),
        ...(q.user ? { userEmail: q.user } : {}),
      });
      return { page: q.page, pageSize: q.pageSize, ...result };
    },
  );

  app.get(
    '/admin/status',
    { config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'Connectors, queues and settings' } },
    async (): Promise<StatusResponse> => {
      const c = deps.config;
      let host: Awaited<ReturnType<NonNullable<typeof deps.health>>> | undefined;
      try {
        host = await deps.health?.();
      } catch (err) {
        deps.logger.warn({ err }, 'health probe failed');
      }
      const [inbox, replies, model, deliveries, zaloToken] = await Promise.all([
        backlog(deps.db, 'inbox'),
        backlog(deps.db, 'replies'),
        createModelRegistry(deps.db).promoted(),
        channelHealth(deps.db, CHANNELS, deps.now()),
        zaloTokenHealth(deps.db, deps.now()),
      ]);
      return {
        connectors: [
          { channel: 'telegram', configured: c.TELEGRAM_BOT_TOKEN !== undefined },
          {
            channel: 'facebook',
            configured: c.FACEBOOK_APP_SECRET !== undefined && c.FACEBOOK_PAGE_ACCESS_TOKEN !== undefined,
          },
          {
            channel: 'zalo',
            configured: c.ZALO_OA_SECRET_KEY !== undefined && c.ZALO_ACCESS_TOKEN !== undefined,
          },
        ],
        settings: {
          suppressionK: c.SUPPRESSION_K,
          timeZone: c.TZ_REPORTS,
          secureCookies: deps.secureCookies ?? (c.PUBLIC_URL ?? '').startsWith('https://'),
        },
        database: host?.database ?? null,
        queues: host?.queues ?? null,
        backlog: {
          inboxPending: inbox.pending,
          inboxFailed: inbox.failed,
          repliesPending: replies.pending,
          repliesFailed: replies.failed,
        },
        model: model ? { version: model.version, promotedAt: model.promotedAt } : null,
        deliveries,
        zaloToken,
      };
    },
  );
}
