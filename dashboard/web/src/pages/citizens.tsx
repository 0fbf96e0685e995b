import { type FormEvent, useState } from 'react';
import type { IncidentNoticesResponse, IncidentView } from '../../../server/api-types.ts';
import { api } from '../api/client.ts';
import { useErrorText } from '../api/error-text.ts';
import { useAttachments, useIncidentNotices, useIncidents, useUrgentCases } from '../api/hooks.ts';
import { Async } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useSession } from '../session.tsx';
import { type CitizensTextKey, useCitizensText } from './citizens-text.ts';

/** Urgent cases until handled, attachments by channel and topic, and (admins) word when fixed. */
export function CitizensPage() {
  const ct = useCitizensText();
  const { dateTime, num } = useI18n();
  const labels = useLabels();
  const errorOf = useErrorText();
  const { user } = useSession();
  const urgent = useUrgentCases();
  const attachments = useAttachments();
  const [error, setError] = useState<string | null>(null);

  async function handled(id: number) {
    try {
      await api(`/urgent/${id}/handled`, { method: 'POST' });
      urgent.reload();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  return (
    <>
      <h1>{ct('title')}</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <section className="card" data-testid="urgent-cases">
        <h2>{ct('urgentTitle')}</h2>
        <p className="muted">{ct('urgentIntro')}</p>
        <Async state={urgent} isEmpty={(d) => d.cases.length === 0} empty={<p>{ct('urgentNone')}</p>}>
          {(d) => (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{ct('received')}</th>
                    <th scope="col">{ct('kinds')}</th>
                    <th scope="col">{ct('message')}</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {d.cases.map((c) => (
                    <tr key={c.id}>
                      <td className="nowrap">
                        {dateTime(c.createdAt)}
                        <div className="muted small">{labels.channel(c.channel)}</div>
                      </td>
                      <td>{c.kinds.map((k) => ct(k as CitizensTextKey)).join(', ')}</td>
                      <td>
                        {c.text}
                        {c.refCode && <div className="muted small">{c.refCode}</div>}
                      </td>
                      <td>
                        <button type="button" onClick={() => void handled(c.id)}>
                          {ct('handled')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
      <section className="card" data-testid="attachments">
        <h2>{ct('attachmentsTitle')}</h2>
        <p className="muted">{ct('attachmentsIntro')}</p>
        <Async
          state={attachments}
          isEmpty={(d) => d.cells.length === 0}
          empty={<p>{ct('attachmentsNone')}</p>}
        >
          {(d) => (
            <div className="table-scroll">
              <table>
                <tbody>
                  {d.cells.map((c) => (
                    <tr key={`${c.channel}-${c.topic}-${c.kind}`}>
                      <td>{labels.channel(c.channel)}</td>
                      <td>{labels.topic(c.topic)}</td>
                      <td>{c.kind}</td>
                      <td className="num">{typeof c.count === 'number' ? num(c.count) : c.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
      {user?.role === 'admin' && <NoticesCard />}
    </>
  );
}

function NoticesCard() {
  const ct = useCitizensText();
  const incidents = useIncidents(true);
  return (
    <section className="card" data-testid="incident-notices">
      <h2>{ct('noticesTitle')}</h2>
      <p className="muted">{ct('noticesIntro')}</p>
      <Async
        state={incidents}
        isEmpty={(d) => d.items.every((i) => i.topic === null)}
        empty={<p>{ct('noticesNone')}</p>}
      >
        {(d) => (
          <>
            {d.items
              .filter((i) => i.topic !== null)
              .map((i) => (
                <IncidentNotice key={i.id} incident={i} />
              ))}
          </>
        )}
      </Async>
    </section>
  );
}

function counts(
  ct: ReturnType<typeof useCitizensText>,
  key: 'preview' | 'told',
  c: IncidentNoticesResponse['told'],
) {
  return ct(key, { sent: c.sent, outside: c.outside_window, none: c.no_address, out: c.opted_out });
}

function IncidentNotice({ incident }: { incident: IncidentView }) {
  const ct = useCitizensText();
  const { dateTime } = useI18n();
  const labels = useLabels();
  const errorOf = useErrorText();
  const notices = useIncidentNotices(incident.id);
  const [error, setError] = useState<string | null>(null);

  async function propose(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    try {
      await api(`/incidents/${incident.id}/resolution`, {
        method: 'POST',
        body: { noteVi: String(form.get('noteVi')), noteEn: String(form.get('noteEn')) },
      });
      notices.reload();
    } catch (err) {
      setError(errorOf(err));
    }
  }
  async function approve() {
    try {
      await api(`/incidents/${incident.id}/resolution/approve`, { method: 'POST' });
      notices.reload();
    } catch (err) {
      setError(errorOf(err));
    }
  }

  return (
    <div className="incident-notice">
      <h3>
        {labels.topic(incident.topic ?? '')} · {incident.channels.map((c) => labels.channel(c)).join(', ')}
      </h3>
      <p className="muted small">{ct('since', { when: dateTime(Date.parse(incident.start)) })}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Async state={notices}>
        {(n) => (
          <>
            {n.resolution?.approvedBy ? (
              <p>
                {ct('approvedBy', { who: n.resolution.approvedBy })} — {counts(ct, 'told', n.told)}
              </p>
            ) : (
              <>
                <p>{counts(ct, 'preview', n.preview)}</p>
                <form onSubmit={(e) => void propose(e)} className="stack">
                  <label className="field">
                    <span>{ct('noteVi')}</span>
                    <textarea
                      name="noteVi"
                      required
                      minLength={3}
                      maxLength={600}
                      defaultValue={n.resolution?.noteVi}
                    />
                  </label>
                  <label className="field">
                    <span>{ct('noteEn')}</span>
                    <textarea
                      name="noteEn"
                      required
                      minLength={3}
                      maxLength={600}
                      defaultValue={n.resolution?.noteEn}
                    />
                  </label>
                  <button type="submit">{ct('propose')}</button>
                </form>
                {n.resolution && (
                  <p>
                    {ct('proposedBy', { who: n.resolution.proposedBy })}{' '}
                    <button type="button" onClick={() => void approve()}>
                      {ct('approve')}
                    </button>
                  </p>
                )}
              </>
            )}
          </>
        )}
      </Async>
    </div>
  );
}
