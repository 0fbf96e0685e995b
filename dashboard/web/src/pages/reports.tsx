import { type FormEvent, useState } from 'react';
import { ApiFailure, api } from '../api/client.ts';
import { useReports } from '../api/hooks.ts';
import { Async } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export function ReportsPage() {
  const { t, dateTime, lang } = useI18n();
  const { user } = useSession();
  const reports = useReports();
  const [status, setStatus] = useState<string | null>(null);
  const canGenerate = user?.role === 'analyst' || user?.role === 'admin';

  async function generate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const week = String(new FormData(e.currentTarget).get('week') ?? '').trim();
    try {
      await api('/reports/generate', { method: 'POST', body: { ...(week ? { week } : {}), lang } });
      setStatus(t('queued'));
    } catch (err) {
      setStatus(err instanceof ApiFailure ? err.message : t('error'));
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
          <button type="submit">{t('generateNow')}</button>
          {status && (
            <p role="status" className="muted">
              {status}
            </p>
          )}
        </form>
      )}
      <section className="card">
        <Async state={reports} isEmpty={(d) => d.items.length === 0}>
          {(d) => (
            <table>
              <thead>
                <tr>
                  <th scope="col">ISO</th>
                  <th scope="col">{t('language')}</th>
                  <th scope="col">{t('received')}</th>
                  <th scope="col">{t('download')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.week}</th>
                    <td>{r.lang === 'vi' ? 'Tiếng Việt' : 'English'}</td>
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
