/**
 * The "now" band at the top of the Overview: every open incident as a card (topic, channels, since
 * when, messages so far against expected, rising or easing, the release it follows, how unsure the
 * model was, three distinct complaints for roles that read text), each one click from its messages.
 */
import { Link } from 'react-router-dom';
import type { IncidentView } from '../../../server/api-types.ts';
import { useIncidents } from '../api/hooks.ts';
import { drillLink } from '../drill.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { canReadText, useSession } from '../session.tsx';
import { showCount } from '../shape.ts';

function IncidentCard({ incident, mayRead }: { incident: IncidentView; mayRead: boolean }) {
  const { t, num, pct, dateTime } = useI18n();
  const labels = useLabels();
  const start = Date.parse(incident.start);
  const href = drillLink(
    {
      topic: incident.topic,
      channels: incident.channels,
      startMs: start,
      endMs: incident.end ? Date.parse(incident.end) : Date.now() + 3_600_000,
    },
    mayRead,
  );
  const channels = incident.channels.map(labels.channel).join(', ') || t('incidentAllChannels');
  return (
    <article
      className={`card incident-card ${incident.trend}`}
      data-testid="incident-card"
      data-topic={incident.topic ?? ''}
    >
      <h2>
        <Link to={href}>{incident.topic ? labels.topic(incident.topic) : channels}</Link>
      </h2>
      <p className="muted">
        {channels} · {t('incidentSince', { time: dateTime(start) })}
      </p>
      <p>
        <strong className="kpi-value" data-testid="incident-count">
          {showCount(incident.count, num)}
        </strong>{' '}
        {t('incidentAgainst', { n: num(Math.round(incident.expected)) })}
      </p>
      <p className={`incident-trend ${incident.trend}`}>
        {t(
          incident.trend === 'rising'
            ? 'trendRising'
            : incident.trend === 'easing'
              ? 'trendEasing'
              : 'trendSteady',
        )}
      </p>
      {incident.release && (
        <p>
          {t('incidentAfter', {
            label: incident.release.label,
            time: dateTime(Date.parse(incident.release.at)),
          })}
        </p>
      )}
      {incident.lowConfidenceShare !== null && (
        <p className="muted">{t('incidentUnsure', { pct: pct(incident.lowConfidenceShare) })}</p>
      )}
      {incident.samples.length > 0 && (
        <ul className="incident-samples">
          {incident.samples.map((s) => (
            <li key={s.id}>
              <Link to={`/messages/${s.id}`}>
                “{s.text.length > 120 ? `${s.text.slice(0, 120)}…` : s.text}”
              </Link>{' '}
              <span className="muted small">{t('incidentSimilar', { n: s.similar })}</span>
            </li>
          ))}
        </ul>
      )}
      <Link to={href} className="incident-open">
        {t('incidentOpen')}
      </Link>
    </article>
  );
}

export function NowBand() {
  const { t } = useI18n();
  const { user } = useSession();
  const incidents = useIncidents(true);
  const items = incidents.data?.items ?? [];
  return (
    <section className="now-band" aria-label={t('nowBand')} data-testid="now-band">
      <h2 className="now-title">{t('nowBand')}</h2>
      {incidents.data && items.length === 0 && <p className="muted">{t('nowNone')}</p>}
      {items.length > 0 && (
        <div className="now-cards">
          {items.map((i) => (
            <IncidentCard key={i.id} incident={i} mayRead={canReadText(user)} />
          ))}
        </div>
      )}
    </section>
  );
}
