import { useState } from 'react';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useModels } from '../api/hooks.ts';
import { useReloadUntil } from '../api/use-api.ts';
import { Async, Empty } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';

const POLL_MS = 3000;
const POLL_FOR_MS = 180_000;

/**
 * The classifier's trained models (held-out topic macro-F1, training size, corrections learned from,
 * which one is in use) and "retrain now". A retrained model is promoted only if it is not worse, so a
 * new row may appear without becoming the one in use.
 */
export function ModelsCard() {
  const { t, dateTime, num } = useI18n();
  const errorOf = useErrorText();
  const models = useModels();
  const [status, setStatus] = useState<string | null>(null);
  const newest = models.data?.items.reduce((max, m) => Math.max(max, m.createdAt), 0) ?? 0;
  const wait = useReloadUntil(
    models,
    (d, since) => d.items.find((m) => m.createdAt > since),
    {
      found: (m) => setStatus(m.promoted ? t('retrainPromoted') : t('retrainKept')),
      timeout: () => setStatus(t('retrainSlow')),
    },
    POLL_MS,
    POLL_FOR_MS,
  );

  async function retrain() {
    try {
      await api('/admin/retrain', { method: 'POST' });
      setStatus(t('retraining'));
      wait.start(newest);
    } catch (err) {
      setStatus(errorOf(err));
    }
  }

  return (
    <section className="card" data-testid="models">
      <div className="card-head">
        <h2>{t('models')}</h2>
        <button type="button" onClick={() => void retrain()} disabled={wait.waiting}>
          {t('retrainNow')}
        </button>
      </div>
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
      <Async
        state={models}
        isEmpty={(d) => d.items.length === 0}
        empty={<Empty title={t('noModels')} text={t('noModelsHint')} />}
      >
        {(d) => (
          <>
            <p className="muted small">
              {t('correctedMessages', { n: num(d.correctedMessages), since: num(d.correctedSinceInUse) })}
            </p>
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('modelVersion')}</th>
                  <th scope="col">{t('createdAt')}</th>
                  {(['heldoutF1', 'trainSize', 'correctionsUsed'] as const).map((k) => (
                    <th key={k} scope="col" className="num">
                      {t(k)}
                    </th>
                  ))}
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((m) => (
                  <tr key={m.version}>
                    <th scope="row">
                      <code>{m.version}</code>
                      {m.requestedBy && <div className="muted small">{m.requestedBy}</div>}
                    </th>
                    <td className="nowrap">{dateTime(m.createdAt)}</td>
                    <td className="num">{m.macroF1.toFixed(3)}</td>
                    <td className="num">{num(m.trainSize)}</td>
                    <td className="num">{num(m.correctionsUsed)}</td>
                    <td>{m.promoted ? <span className="badge ok">{t('inUse')}</span> : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Async>
    </section>
  );
}
