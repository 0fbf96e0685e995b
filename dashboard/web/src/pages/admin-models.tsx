import { useEffect, useRef, useState } from 'react';
import { ApiFailure, api } from '../api/client.ts';
import { useModels } from '../api/hooks.ts';
import { Async } from '../components/states.tsx';
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
  const models = useModels();
  const [status, setStatus] = useState<string | null>(null);
  const [waitingSince, setWaitingSince] = useState<number | null>(null);
  const askedAt = useRef(0);
  const newest = models.data?.items.reduce((max, m) => Math.max(max, m.createdAt), 0) ?? 0;

  useEffect(() => {
    if (waitingSince === null) return;
    const fresh = models.data?.items.find((m) => m.createdAt > waitingSince);
    if (fresh) {
      setWaitingSince(null);
      setStatus(fresh.promoted ? t('retrainPromoted') : t('retrainKept'));
      return;
    }
    if (Date.now() - askedAt.current > POLL_FOR_MS) {
      setWaitingSince(null);
      setStatus(t('retrainSlow'));
      return;
    }
    const timer = setTimeout(models.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [waitingSince, models.data, models.reload, t]);

  async function retrain() {
    try {
      await api('/admin/retrain', { method: 'POST' });
      setStatus(t('retraining'));
      askedAt.current = Date.now();
      setWaitingSince(newest);
    } catch (err) {
      setStatus(err instanceof ApiFailure ? err.message : t('error'));
    }
  }

  return (
    <section className="card" data-testid="models">
      <div className="card-head">
        <h2>{t('models')}</h2>
        <button type="button" onClick={() => void retrain()} disabled={waitingSince !== null}>
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
        empty={
          <div className="state state-empty" role="status">
            <strong>{t('bundledModel')}</strong>
            <span>{t('noModelsHint')}</span>
          </div>
        }
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
