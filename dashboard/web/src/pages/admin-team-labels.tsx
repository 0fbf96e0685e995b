/**
 * Admin: how right the model in use is on the team's labels given after its training cut-off, per
 * topic and per week, and the newest retrained candidate beside the model in use on the same labels.
 */
import type { LabelScore, TeamLabelsCandidate, TeamLabelsResponse } from '../../../server/review-types.ts';
import { useApi } from '../api/use-api.ts';
import { Async, Empty } from '../components/states.tsx';
import { useI18n } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useReviewText } from './review-text.ts';

function Acc({ s, testId }: { s: LabelScore | undefined; testId?: string }) {
  const { pct } = useI18n();
  return (
    <td className="num" data-testid={testId}>
      {s?.topicAccuracy == null ? '–' : pct(s.topicAccuracy)}
    </td>
  );
}

function Candidate({ c }: { c: TeamLabelsCandidate }) {
  const rt = useReviewText();
  const { num, dateTime, pct } = useI18n();
  const labels = useLabels();
  const status = c.rebuild ? rt('rebuilt') : c.promoted ? rt('promoted') : rt('kept');
  const currentOf = (topic: string) => c.current.perTopic.find((x) => x.topic === topic);
  return (
    <>
      <h3>{rt('candidate')}</h3>
      <p className="muted small">
        <code>{c.version}</code> · {dateTime(c.createdAt)} · {status} ·{' '}
        {rt('candidateJudged', { n: c.candidate.n })} ({dateTime(c.after)})
      </p>
      <table className="compact" data-testid="candidate-table">
        <thead>
          <tr>
            <th scope="col">{rt('topic')}</th>
            <th scope="col" className="num">
              {rt('labels')}
            </th>
            <th scope="col" className="num">
              {rt('candidate')}
            </th>
            <th scope="col" className="num">
              {rt('current')} (<code>{c.current.version}</code>)
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{rt('accuracy')}</th>
            <td className="num">{num(c.candidate.n)}</td>
            <Acc s={c.candidate} />
            <Acc s={c.current} />
          </tr>
          <tr>
            <th scope="row">{rt('sentimentAccuracy')}</th>
            <td className="num">{num(c.candidate.n)}</td>
            <td className="num">
              {c.candidate.sentimentAccuracy == null ? '–' : pct(c.candidate.sentimentAccuracy)}
            </td>
            <td className="num">
              {c.current.sentimentAccuracy == null ? '–' : pct(c.current.sentimentAccuracy)}
            </td>
          </tr>
          {c.candidate.perTopic.map((row) => (
            <tr key={row.topic}>
              <td>{labels.topic(row.topic)}</td>
              <td className="num">{num(row.n)}</td>
              <Acc s={row} />
              <Acc s={currentOf(row.topic)} />
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function TeamLabelsCard() {
  const rt = useReviewText();
  const { num, dateTime, date, pct } = useI18n();
  const labels = useLabels();
  const state = useApi<TeamLabelsResponse>('/admin/team-labels');
  return (
    <section className="card team-labels" data-testid="team-labels">
      <h2>{rt('teamLabelsTitle')}</h2>
      <p className="muted small">{rt('teamLabelsHint')}</p>
      <Async state={state}>
        {(d) => (
          <>
            <p className="small">
              {rt('current')}: <code>{d.current.version}</code> · {rt('cutoff')}:{' '}
              {d.current.cutoffAt === null ? rt('noCutoff') : dateTime(d.current.cutoffAt)}
            </p>
            {d.current.scores.n === 0 ? (
              <Empty title={rt('noTeamLabels')} text={rt('noTeamLabelsHint')} />
            ) : (
              <>
                <p>
                  {rt('accuracy')}:{' '}
                  <strong data-testid="team-accuracy">{pct(d.current.scores.topicAccuracy ?? 0)}</strong> ·{' '}
                  {rt('sentimentAccuracy')}: {pct(d.current.scores.sentimentAccuracy ?? 0)} · {rt('labels')}:{' '}
                  {num(d.current.scores.n)}
                </p>
                <div className="grid2">
                  <table className="compact">
                    <caption>{rt('perTopic')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{rt('topic')}</th>
                        <th scope="col" className="num">
                          {rt('labels')}
                        </th>
                        <th scope="col" className="num">
                          {rt('accuracy')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.current.scores.perTopic.map((row) => (
                        <tr key={row.topic}>
                          <td>{labels.topic(row.topic)}</td>
                          <td className="num">{num(row.n)}</td>
                          <Acc s={row} testId={`team-topic-${row.topic}`} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <table className="compact">
                    <caption>{rt('perWeek')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{rt('week')}</th>
                        <th scope="col" className="num">
                          {rt('labels')}
                        </th>
                        <th scope="col" className="num">
                          {rt('accuracy')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.current.scores.perWeek.map((row) => (
                        <tr key={row.weekStart}>
                          <td>{date(row.weekStart)}</td>
                          <td className="num">{num(row.n)}</td>
                          <Acc s={row} />
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {d.candidate ? (
              <Candidate c={d.candidate} />
            ) : (
              <p className="muted small">{rt('candidateNone')}</p>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
