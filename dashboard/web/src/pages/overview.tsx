import { useMemo } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { OverviewResponse } from '../../../server/api-types.ts';
import { useAlerts, useOverview, useTimeseries } from '../api/hooks.ts';
import { Chart } from '../components/chart.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { Kpi } from '../components/kpi.tsx';
import { NowBand } from '../components/now-band.tsx';
import { RisingTopics } from '../components/rising.tsx';
import { Async, Empty } from '../components/states.tsx';
import { TopicsTable } from '../components/topics-table.tsx';
import { VolumeChart } from '../components/volume-chart.tsx';
import { useFilters } from '../filters.ts';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { chartValue, isEmptySeries, showCount } from '../shape.ts';

function Split({
  title,
  rows,
  labelOf,
  k,
}: {
  title: string;
  rows: OverviewResponse['byChannel'];
  labelOf: (s: string) => string;
  k: number;
}) {
  const { num } = useI18n();
  const shape = useMemo(
    () => ({
      labels: [],
      series: rows.map((r) => ({ key: r.key, label: labelOf(r.key), data: [chartValue(r.count)] })),
    }),
    [rows, labelOf],
  );
  return (
    <section className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <Empty hint={false} />
      ) : (
        <>
          <Chart
            kind="doughnut"
            shape={shape}
            label={title}
            height={180}
            suppressedLabel={`< ${k}`}
            formatNumber={num}
          />
          <table className="compact">
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{labelOf(r.key)}</th>
                  <td className="num">{showCount(r.count, num)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

export function OverviewPage() {
  const [filters] = useFilters();
  const { t, num, pct } = useI18n();
  const labels = useLabels();
  const { search } = useLocation();
  const overview = useOverview(filters);
  const series = useTimeseries(filters, 'topic');
  const alerts = useAlerts('open');
  const k = overview.data?.suppressionK ?? 5;

  return (
    <>
      <h1>{t('navOverview')}</h1>
      <NowBand />
      <FilterBar showBucket />
      <Async state={overview}>
        {(o) => (
          <>
            <div className="kpis">
              <Kpi
                title={t('volume')}
                value={o.volume}
                change={o.changePct}
                changeNote={o.previousComplete ? undefined : t('previousIncomplete')}
                testId="kpi-volume"
              />
              <Kpi
                title={t('negativeShare')}
                value={o.negativeShare === null ? `< ${k}` : pct(o.negativeShare)}
              />
              <RisingTopics rising={o.rising} />
              <section className="card kpi">
                <h2>{t('openAlerts')}</h2>
                <p className="kpi-value">{alerts.data ? num(alerts.data.total) : '…'}</p>
                <Link to={`/alerts${search}`}>{t('navAlerts')} →</Link>
              </section>
            </div>
          </>
        )}
      </Async>
      <section className="card">
        <div className="card-head">
          <h2>{t('volumeOverTime')}</h2>
          <a
            className="button secondary"
            href={`/api/export/timeseries.csv${search ? `${search}&` : '?'}by=topic`}
            download
          >
            {t('exportCsv')}
          </a>
        </div>
        <Async state={series} isEmpty={isEmptySeries}>
          {(ts) => (
            <VolumeChart ts={ts} filters={filters} labelOf={labels.topic} title={t('volumeOverTime')} />
          )}
        </Async>
        <p className="muted small">{t('suppressedNote', { k })}</p>
      </section>
      <Async state={overview}>
        {(o) => (
          <>
            <div className="grid3">
              <Split title={t('byChannel')} rows={o.byChannel} labelOf={labels.channel} k={k} />
              <Split title={t('byLang')} rows={o.byLang} labelOf={labels.lang} k={k} />
              <Split title={t('bySentiment')} rows={o.bySentiment} labelOf={labels.sentiment} k={k} />
            </div>
            <TopicsTable
              rows={o.topics}
              range={o.range}
              title={t('topicsTable')}
              previousComplete={o.previousComplete}
            />
          </>
        )}
      </Async>
    </>
  );
}
