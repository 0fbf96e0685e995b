import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useReports } from '../api/hooks.ts';
import { useReloadUntil } from '../api/use-api.ts';
import { Async, Empty } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useSession } from '../session.tsx';

const POLL_MS = 2000;
const POLL_FOR_MS = 60_000;

export function ReportsPage() {
  const { t, dateTime, lang } = useI18n();
  const errorOf = useErrorText();
  const labels = useLabels();
  const { user } = useSession();
  const reports = useReports();
  const [status, setStatus] = useState<string | null>(null);
  const canGenerate = user?.role === 'analyst' || user?.role === 'admin';
  const newest = reports.data?.items.reduce((max, r) => Math.max(max, r.createdAt), 0) ?? 0;
  // Refresh the list until the requested report shows up (or give up quietly after a minute).
  const wait = useReloadUntil(
    reports,
    (d, since) => (d.items.some((r) => r.createdAt > since) ? true : undefined),
    { found: () => setStatus(t('reportReady')), timeout: () => setStatus(t('reportSlow')) },
    POLL_MS,
    POLL_FOR_MS,
  );

  async function generate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const week = String(new FormData(e.currentTarget).get('week') ?? '').trim();
    try {
      await api('/reports/generate', { method: 'POST', body: { ...(week ? { week } : {}), lang } });
      setStatus(t('queued'));
      wait.start(newest);
    } catch (err) {
      setStatus(errorOf(err));
    }
  }

  return (
    <>
      <h1>{t('reports')}</h1>
      {canGenerate && (
        <form className="card inline-form" onSubmit={(e) => void generate(e)}>
          <label className="field">
            <span>{t('weekLabel')}</span>
            <input name="week" pattern="\d{4}-W\d{2}" placeholder="2026-W47" />
          </label>
          <button type="submit" disabled={wait.waiting}>
            {t('generateNow')}
          </button>
          {status && (
            <p role="status" className="muted">
              {status}
            </p>
          )}
        </form>
      )}
      <section className="card">
        <Async
          state={reports}
          isEmpty={(d) => d.items.length === 0}
          empty={<Empty title={t('noReports')} text={t('reportsSchedule')} />}
        >
          {(d) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('weekColumn')}</th>
                  <th scope="col">{t('language')}</th>
                  <th scope="col">{t('createdAt')}</th>
                  <th scope="col">{t('download')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.week}</th>
                    <td>{labels.lang(r.lang)}</td>
                    <td>{dateTime(r.createdAt)}</td>
                    <td className="downloads">
                      {(['html', 'pdf', 'csv'] as const).map((f) => (
                        <a key={f} href={`/api/reports/${r.id}/${f}`} download>
                          {f.toUpperCase()}
                        </a>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Async>
      </section>
    </>
  );
}
