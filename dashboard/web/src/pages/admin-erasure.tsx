import { type FormEvent, useState } from 'react';
import type { ErasureResponse } from '../../../server/api-types.ts';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useI18n } from '../i18n.tsx';

/**
 * Erase a citizen's data on a request that came by letter, email or phone, found by the reference code
 * the bot gave them (the chat command "xóa dữ liệu" does the same from the chat). Asks for confirmation.
 */
export function ErasureCard({ onDone }: { onDone: () => void }) {
  const { t, num } = useI18n();
  const errorOf = useErrorText();
  const [status, setStatus] = useState<string | null>(null);

  async function erase(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const refCode = String(new FormData(form).get('refCode') ?? '').trim();
    if (!refCode || !window.confirm(t('eraseConfirm', { ref: refCode }))) return;
    try {
      const r = await api<ErasureResponse>('/admin/erasure', { method: 'POST', body: { refCode } });
      setStatus(t('erased', { ref: r.refCode, messages: num(r.messages), events: num(r.inbox) }));
      form.reset();
      onDone();
    } catch (err) {
      setStatus(errorOf(err));
    }
  }

  return (
    <section className="card" data-testid="erasure">
      <h2>{t('erasure')}</h2>
      <p className="muted small">{t('erasureHint')}</p>
      <form className="inline-form" onSubmit={(e) => void erase(e)}>
        <label className="field">
          <span>{t('refCode')}</span>
          <input name="refCode" placeholder="GY-00K3-7QZ1-M4D" required autoComplete="off" />
        </label>
        <button type="submit">{t('eraseNow')}</button>
      </form>
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
    </section>
  );
}
