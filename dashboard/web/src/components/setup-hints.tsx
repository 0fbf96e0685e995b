/**
 * What a new deployment needs first: an account (told on the sign-in page) and data (told on the
 * Overview instead of a dashboard of zeros).
 */
import type { ReactNode } from 'react';
import { useSetup, useSetupData } from '../api/hooks.ts';
import { useI18n } from '../i18n.tsx';
import { Loading } from './states.tsx';

const IMPORT = 'npm run --silent cli -- import --file history.jsonl';

/** On the sign-in page when no account exists yet: the command that creates the first admin. */
export function NoAccountsHint() {
  const { t } = useI18n();
  const setup = useSetup();
  if (setup.data?.hasAccounts !== false) return null;
  return (
    <div className="setup-hint" role="note" data-testid="no-accounts">
      <strong>{t('noAccountsTitle')}</strong>
      <span>{t('noAccountsText')}</span>
      <pre>
        <code>{setup.data.firstAdminCommand}</code>
      </pre>
    </div>
  );
}

/** The Overview of a deployment with no message yet says how to get some. */
export function FirstRun({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const data = useSetupData();
  if (data.data === undefined && !data.error) return <Loading />;
  if (data.data?.hasMessages !== false) return <>{children}</>;
  return (
    <>
      <h1>{t('navOverview')}</h1>
      <section className="card first-run" data-testid="first-run">
        <h2>{t('firstRunTitle')}</h2>
        <p>{t('firstRunText')}</p>
        <ol>
          <li>
            <strong>{t('firstRunConnect')}</strong> {t('firstRunConnectText')}
          </li>
          <li>
            <strong>{t('firstRunImport')}</strong> {t('firstRunImportText')}
            <pre>
              <code>{IMPORT}</code>
            </pre>
          </li>
        </ol>
        <p className="muted">{t('firstRunAfter')}</p>
      </section>
    </>
  );
}
