import { type FormEvent, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import type { LoginChallenge } from '../../../server/api-types.ts';
import { ApiFailure } from '../api/client.ts';
import { NoAccountsHint } from '../components/setup-hints.tsx';
import { useI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

/** The second step of a sign-in: a code, with a new secret to add first when enrolling. */
type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; secret: string; uri: string };

function enrolmentOf(err: ApiFailure): LoginChallenge['enrolment'] {
  const body = err.body;
  if (typeof body !== 'object' || body === null || !('enrolment' in body)) return undefined;
  const e = body.enrolment;
  if (typeof e !== 'object' || e === null || !('secret' in e) || !('uri' in e)) return undefined;
  return { secret: String(e.secret), uri: String(e.uri) };
}

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { user, signIn, completeSignIn } = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [credentials, setCredentials] = useState({ email: '', password: '' });
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const next = params.get('next');
  if (user) {
    return <Navigate to={next?.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const creds =
      step.kind === 'password'
        ? { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') }
        : credentials;
    const code = step.kind === 'password' ? undefined : String(form.get('code') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const codes = await signIn(creds.email, creds.password, code);
      if (codes && codes.length > 0) setRecovery(codes);
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'code_required') {
        setCredentials(creds);
        setStep({ kind: 'code' });
      } else if (err instanceof ApiFailure && err.code === 'enrolment_required') {
        const enrolment = enrolmentOf(err);
        setCredentials(creds);
        if (enrolment) setStep({ kind: 'enrol', ...enrolment });
      } else {
        setError(
          err instanceof ApiFailure && err.status === 429
            ? t('rateLimited')
            : err instanceof ApiFailure && err.code === 'bad_code'
              ? t('badCode')
              : err instanceof ApiFailure && err.status === 401
                ? t('badCredentials')
                : t('error'),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  if (recovery) {
    return (
      <main className="login" id="main">
        <section className="card login-card">
          <h1>{t('recoveryTitle')}</h1>
          <p>{t('recoveryHelp')}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {recovery.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={completeSignIn}>
            {t('continue')}
          </button>
        </section>
      </main>
    );
  }

  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <h1>{step.kind === 'enrol' ? t('enrolTitle') : t('signInTitle')}</h1>
        {step.kind === 'password' ? <NoAccountsHint /> : null}
        {step.kind === 'password' ? (
          <>
            <label className="field">
              <span>{t('email')}</span>
              <input name="email" type="email" autoComplete="username" required />
            </label>
            <label className="field">
              <span>{t('password')}</span>
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        ) : (
          <>
            {step.kind === 'enrol' ? (
              <>
                <p>{t('enrolHelp')}</p>
                <p>
                  {t('enrolSecret')}: <code data-testid="totp-secret">{step.secret}</code>
                </p>
                <p>
                  <a href={step.uri}>{t('enrolUri')}</a>
                </p>
              </>
            ) : (
              <p>{t('codeHelp')}</p>
            )}
            <label className="field">
              <span>{t('code')}</span>
              <input
                name="code"
                autoComplete="one-time-code"
                inputMode="text"
                maxLength={64}
                required
                // biome-ignore lint/a11y/noAutofocus: the only field of this step
                autoFocus
              />
            </label>
          </>
        )}
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
