/** Admin: whether each channel is still delivering, and the Zalo token's age and refresh state. */
import type { StatusResponse } from '../../../server/api-types.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';

export function Deliveries({ status }: { status: StatusResponse }) {
  const { t, num, dateTime } = useI18n();
  const labels = useLabels();
  const token = status.zaloToken;
  return (
    <>
      <h3>{t('deliveries')}</h3>
      <ul className="plain" data-testid="deliveries">
        {status.deliveries.map((d) => (
          <li key={d.channel} data-channel={d.channel} data-quiet={d.quiet ? 'true' : 'false'}>
            {d.quiet && <span className="badge off">{t('channelQuiet')}</span>} {labels.channel(d.channel)}:{' '}
            {d.lastDelivery === null
              ? t('neverDelivered')
              : t('lastDelivery', { at: dateTime(d.lastDelivery) })}{' '}
            <span className="muted small">
              {t('recentDeliveries', {
                hours: d.recent.hours,
                observed: num(d.recent.observed),
                expected: num(Math.round(d.recent.expected)),
              })}
            </span>
          </li>
        ))}
      </ul>
      {token && (
        <p data-testid="zalo-token">
          {t('zaloToken', {
            at: dateTime(token.updatedAt),
            state: t(
              token.state === 'valid'
                ? 'tokenValid'
                : token.state === 'refreshing'
                  ? 'tokenRefreshing'
                  : token.state === 'expired'
                    ? 'tokenExpired'
                    : 'tokenUnknown',
            ),
          })}
          {token.expiresAt !== null && ` · ${t('tokenExpires', { at: dateTime(token.expiresAt) })}`}
        </p>
      )}
    </>
  );
}
