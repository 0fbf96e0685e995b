import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import type { AlertView } from '../../../server/api-types.ts';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useAlerts, useReleases } from '../api/hooks.ts';
import { Async } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useSession } from '../session.tsx';

/** Vietnam-local calendar date (YYYY-MM-DD) of an instant: the dashboard's filters are local days. */
function localDate(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The alert's day(s) in hourly buckets: its topic page, or the overview of its channel. */
function drillDown(a: AlertView): string {
  const range = `from=${localDate(a.windowStart)}&to=${localDate(a.windowEnd - 1)}&bucket=hour`;
  if (a.topic) return `/topics/${a.topic}?${range}${a.channel ? `&channel=${a.channel}` : ''}`;
  return `/?${range}${a.channel ? `&channel=${a.channel}` : ''}`;
}

export function AlertsPage() {
  const { t, num, dateTime } = useI18n();
  const errorOf = useErrorText();
  const labels = useLabels();
  const { user } = useSession();
  const alerts = useAlerts();
  const releases = useReleases();
  const [error, setError] = useState<string | null>(null);
  const canWrite = user?.role === 'analyst' || user?.role === 'admin';
  const statusLabel = (s: string) =>
    s === 'open' ? t('statusOpen') : s === 'acknowledged' ? t('statusAcknowledged') : t('statusClosed');

  async function ack(id: number) {
    try {
      await api(`/alerts/${id}/ack`, { method: 'POST' });
      alerts.reload();
    } catch (err) {
      setError(errorOf(err));
    }
  }
  async function addRelease(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const at = new Date(`${String(form.get('at'))}:00+07:00`).getTime();
    try {
      await api('/releases', {
        method: 'POST',
        body: { at, label: String(form.get('label')), kind: String(form.get('kind')) },
      });
      releases.reload();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  return (
    <>
      <h1>{t('navAlerts')}</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <section className="card">
        <Async state={alerts} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('alertWindow')}</th>
                  <th scope="col">
                    {t('topic')} / {t('channel')}
                  </th>
                  <th scope="col" className="num">
                    {t('observed')}
                  </th>
                  <th scope="col" className="num">
                    {t('expected')}
                  </th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {d.items.map((a) => (
                  <tr key={a.id}>
                    <td className="nowrap">
                      {dateTime(a.windowStart)} – {dateTime(a.windowEnd)}
                      {a.release && <div className="muted small">↳ {a.release.label}</div>}
                    </td>
                    <td>
                      <Link to={drillDown(a)}>
                        {a.topic ? labels.topic(a.topic) : a.channel ? labels.channel(a.channel) : '–'}
                      </Link>
                      {canWrite && a.sampleMessageIds.length > 0 && (
                        <div className="muted small">
                          {t('sampleMessages')}:{' '}
                          {a.sampleMessageIds.slice(0, 3).map((id, i) => (
                            <span key={id}>
                              {i > 0 && ', '}
                              <Link to={`/messages/${id}`}>#{i + 1}</Link>
                            </span>
                          ))}
                        </div>
                      )}
                    </td>
                    <td className="num">{num(a.observed)}</td>
                    <td className="num">{num(Math.round(a.expected * 10) / 10)}</td>
                    <td>
                      <span className={`badge ${a.status}`}>{statusLabel(a.status)}</span>
                      {a.acknowledgedBy && <div className="muted small">{a.acknowledgedBy}</div>}
                    </td>
                    <td>
                      {canWrite && a.status === 'open' && (
                        <button type="button" onClick={() => void ack(a.id)}>
                          {t('acknowledge')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Async>
      </section>
      <section className="card">
        <h2>{t('releases')}</h2>
        <Async state={releases}>
          {(d) => (
            <ul className="releases">
              {d.items.length === 0 && <li className="muted">–</li>}
              {d.items.map((r) => (
                <li key={r.id}>
                  <span className={`badge ${r.kind}`}>
                    {r.kind === 'release' ? t('kindRelease') : t('kindIncident')}
                  </span>{' '}
                  {dateTime(r.at)} · {r.label}
                </li>
              ))}
            </ul>
          )}
        </Async>
        {canWrite && (
          <form className="inline-form" onSubmit={(e) => void addRelease(e)}>
            <label className="field">
              <span>{t('at')}</span>
              <input type="datetime-local" name="at" required />
            </label>
            <label className="field">
              <span>{t('label')}</span>
              <input name="label" required maxLength={200} />
            </label>
            <label className="field">
              <span>{t('markerKind')}</span>
              <select name="kind" defaultValue="release">
                <option value="release">{t('kindRelease')}</option>
                <option value="incident">{t('kindIncident')}</option>
              </select>
            </label>
            <button type="submit">{t('addRelease')}</button>
          </form>
        )}
      </section>
    </>
  );
}
