import { type FormEvent, Fragment, useState } from 'react';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useAudit, useStatus, useUsers } from '../api/hooks.ts';
import { Deliveries } from '../components/deliveries.tsx';
import { Async } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { type Dict, VI } from '../messages.ts';
import { ErasureCard } from './admin-erasure.tsx';
import { ModelsCard } from './admin-models.tsx';
import { ReplyFailuresCard } from './admin-replies.tsx';
import { TeamLabelsCard } from './admin-team-labels.tsx';

export function AdminPage() {
  const { t, dateTime, num } = useI18n();
  const errorOf = useErrorText();
  const labels = useLabels();
  const users = useUsers();
  const status = useStatus();
  const [auditPage, setAuditPage] = useState(1);
  const audit = useAudit(auditPage);
  const [message, setMessage] = useState<string | null>(null);
  // Audit actions by name in the UI language; an action this UI does not know shows its code.
  const auditAction = (code: string) => {
    const key = `audit.${code}`;
    return key in VI ? t(key as keyof Dict) : code;
  };

  async function call(path: string, method: string, body: unknown) {
    try {
      await api(path, { method, body });
      setMessage(t('saved'));
      users.reload();
      audit.reload();
    } catch (err) {
      setMessage(errorOf(err));
    }
  }
  function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void call('/admin/users', 'POST', {
      email: f.get('email'),
      role: f.get('role'),
      password: f.get('password'),
    });
  }

  return (
    <>
      <h1>{t('navAdmin')}</h1>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      <section className="card">
        <h2>{t('users')}</h2>
        <Async state={users}>
          {(d) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('email')}</th>
                  <th scope="col">{t('role')}</th>
                  <th scope="col">{t('lastLogin')}</th>
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.email}</th>
                    <td>
                      <select
                        aria-label={`${t('role')} ${u.email}`}
                        value={u.role}
                        onChange={(e) => void call(`/admin/users/${u.id}`, 'PATCH', { role: e.target.value })}
                      >
                        {(['viewer', 'analyst', 'admin'] as const).map((r) => (
                          <option key={r} value={r}>
                            {labels.role(r)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{u.lastLoginAt ? dateTime(u.lastLoginAt) : t('never')}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => void call(`/admin/users/${u.id}`, 'PATCH', { disabled: !u.disabled })}
                      >
                        {u.disabled ? t('enable') : t('disable')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Async>
        <form className="inline-form" onSubmit={create}>
          <h3>{t('addUser')}</h3>
          <label className="field">
            <span>{t('email')}</span>
            <input name="email" type="email" required />
          </label>
          <label className="field">
            <span>{t('role')}</span>
            <select name="role" defaultValue="viewer">
              <option value="viewer">{t('roleViewer')}</option>
              <option value="analyst">{t('roleAnalyst')}</option>
              <option value="admin">{t('roleAdmin')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('password')}</span>
            <input name="password" type="password" minLength={10} required autoComplete="new-password" />
          </label>
          <button type="submit">{t('create')}</button>
        </form>
      </section>
      <ModelsCard />
      <TeamLabelsCard />
      <ErasureCard
        onDone={() => {
          status.reload();
          audit.reload();
        }}
      />
      <ReplyFailuresCard />
      <div className="grid2">
        <section className="card">
          <h2>{t('connectors')}</h2>
          <Async state={status}>
            {(s) => (
              <>
                <ul className="plain">
                  {s.connectors.map((c) => (
                    <li key={c.channel}>
                      <span className={`badge ${c.configured ? 'ok' : 'off'}`}>
                        {c.configured ? t('configured') : t('notConfigured')}
                      </span>{' '}
                      {labels.channel(c.channel)}
                    </li>
                  ))}
                </ul>
                <Deliveries status={s} />
                <h3>{t('settings')}</h3>
                <dl className="facts">
                  <dt>{t('suppressionK')}</dt>
                  <dd>{num(s.settings.suppressionK)}</dd>
                  <dt>{t('timeZone')}</dt>
                  <dd>{s.settings.timeZone}</dd>
                </dl>
                <h3>{t('health')}</h3>
                <dl className="facts" data-testid="system-status">
                  <dt>{t('database')}</dt>
                  <dd>{s.database ?? '–'}</dd>
                  <dt>{t('classifierModel')}</dt>
                  <dd>
                    {s.model
                      ? `${s.model.version}${s.model.promotedAt ? ` · ${t('promotedAt', { at: dateTime(s.model.promotedAt) })}` : ''}`
                      : t('bundledModel')}
                  </dd>
                  {(
                    [
                      ['inboxPending', s.backlog.inboxPending, false],
                      ['inboxFailed', s.backlog.inboxFailed, true],
                      ['repliesPending', s.backlog.repliesPending, false],
                      ['repliesFailed', s.backlog.repliesFailed, false],
                    ] as const
                  ).map(([key, n, bad]) => (
                    <Fragment key={key}>
                      <dt>{t(key)}</dt>
                      <dd className={bad && n > 0 ? 'warn' : undefined}>{num(n)}</dd>
                    </Fragment>
                  ))}
                </dl>
                {s.queues ? (
                  <table className="compact">
                    <thead>
                      <tr>
                        <th scope="col">{t('queue')}</th>
                        {(['jobsWaiting', 'jobsActive', 'jobsDelayed', 'jobsFailed'] as const).map((k) => (
                          <th key={k} scope="col" className="num">
                            {t(k)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(s.queues).map(([queue, c]) => (
                        <tr key={queue}>
                          <th scope="row">
                            <code>{queue}</code>
                          </th>
                          <td className="num">{num((c['waiting'] ?? 0) + (c['prioritized'] ?? 0))}</td>
                          <td className="num">{num(c['active'] ?? 0)}</td>
                          <td className="num">{num(c['delayed'] ?? 0)}</td>
                          <td className={(c['failed'] ?? 0) > 0 ? 'num warn' : 'num'}>
                            {num(c['failed'] ?? 0)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <p className="muted">{t('redisUnreachable')}</p>
                )}
              </>
            )}
          </Async>
        </section>
        <section className="card">
          <h2>{t('audit')}</h2>
          <Async state={audit} isEmpty={(d) => d.items.length === 0}>
            {(d) => (
              <>
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('at')}</th>
                      <th scope="col">{t('user')}</th>
                      <th scope="col">{t('action')}</th>
                      <th scope="col">{t('target')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((a) => (
                      <tr key={a.id}>
                        <td className="nowrap">{dateTime(a.at)}</td>
                        <td>{a.userEmail}</td>
                        <td title={a.action}>{auditAction(a.action)}</td>
                        <td>{a.target ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <nav className="pager" aria-label="audit pages">
                  <button
                    type="button"
                    className="secondary"
                    disabled={auditPage <= 1}
                    onClick={() => setAuditPage(auditPage - 1)}
                  >
                    {t('prev')}
                  </button>
                  <span>{t('page', { n: auditPage })}</span>
                  <button
                    type="button"
                    className="secondary"
                    disabled={auditPage * d.pageSize >= d.total}
                    onClick={() => setAuditPage(auditPage + 1)}
                  >
                    {t('next')}
                  </button>
                </nav>
              </>
            )}
          </Async>
        </section>
      </div>
    </>
  );
}
