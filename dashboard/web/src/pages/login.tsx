import { type FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { ApiFailure } from '../api/client.ts';
import { NoAccountsHint } from '../components/setup-hints.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next');
  if (user) return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.status === 429
          ? t('rateLimited')
          : err instanceof ApiFailure && err.status === 401
            ? t('badCredentials')
            : t('error'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <h1>{t('signInTitle')}</h1>
        <NoAccountsHint />
        <label className="field">
          <span>{t('email')}</span>
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label className="field">
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn')}
        </button>
        <button type="button" className="link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
          {lang === 'vi' ? 'English' : 'Tiếng Việt'}
        </button>
      </form>
    </main>
  );
}
