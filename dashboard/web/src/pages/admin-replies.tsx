/** Failed replies by reason: expected ones (outside the reply window, blocked) neutral, the rest flagged. */
import type { ReplyFailureReason } from '../../../server/api-types.ts';
import { useReplyFailures } from '../api/hooks.ts';
import { Async } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import type { Dict } from '../messages.ts';

const reasonKey = (r: ReplyFailureReason) => `reply.${r}` as keyof Dict;
const hintKey = (r: ReplyFailureReason) => `reply.${r}.hint` as keyof Dict;

export function ReplyFailuresCard() {
  const { t, num } = useI18n();
  const labels = useLabels();
  const failures = useReplyFailures();
  return (
    <section className="card" data-testid="reply-failures">
      <h2>{t('replyFailures')}</h2>
      <p className="muted small">{t('replyFailuresHint')}</p>
      <Async
        state={failures}
        isEmpty={(d) => d.items.length === 0}
        empty={<p className="muted">{t('replyFailuresNone')}</p>}
      >
        {(d) => (
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('channel')}</th>
                <th scope="col">{t('replyReason')}</th>
                <th scope="col" className="num">
                  {t('replyCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((f) => (
                <tr key={`${f.channel}-${f.reason}`} data-reason={f.reason} data-expected={f.expected}>
                  <td>{labels.channel(f.channel)}</td>
                  <td>
                    <span className={`badge ${f.expected ? 'off' : 'open'}`}>
                      {f.expected ? t('replyExpected') : t('replyNeedsAttention')}
                    </span>{' '}
                    <strong>{t(reasonKey(f.reason))}</strong>
                    <div className="muted small">{t(hintKey(f.reason))}</div>
                  </td>
                  <td className={f.expected ? 'num' : 'num warn'}>{num(f.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
    </section>
  );
}
