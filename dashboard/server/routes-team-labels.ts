/**
 * Admin: how right the model in use is on the team's labels given after its training cut-off (so on
 * labels it never learned), per topic and per week, beside the newest retrained candidate's judgement.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { labelSpanOf } from '../../db/model-rebuilds.ts';
import { createModelRegistry } from '../../db/models.ts';
import { scoreOnTeamLabels } from '../../db/team-label-scores.ts';
import { listTeamLabels } from '../../db/team-labels.ts';
import { type Analyzer, createDefaultAnalyzer, loadAnalyzer } from '../../workers/analysis/index.ts';
import type { DashboardDeps } from './deps.ts';
import type { TeamLabelScores, TeamLabelsCandidate, TeamLabelsResponse } from './review-types.ts';

const Score = z.object({
  n: z.number(),
  topicCorrect: z.number(),
  sentimentCorrect: z.number(),
  topicAccuracy: z.number().nullable(),
  sentimentAccuracy: z.number().nullable(),
});
const Scores = Score.extend({
  perTopic: z.array(Score.extend({ topic: z.string() })),
  perWeek: z.array(Score.extend({ weekStart: z.number() })),
});
/** What the retrain job writes into a model's metrics (workers/retrain-labels.ts `LabelJudgement`). */
const Judged = z.object({
  teamLabels: z.object({
    after: z.number(),
    candidate: Scores,
    current: Scores.extend({ version: z.string() }),
  }),
  rebuild: z.unknown().optional(),
});

export async function registerTeamLabelRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const registry = createModelRegistry(deps.db);
  // The model in use's analyzer, loaded again only when another model is promoted.
  let cached: Analyzer | undefined;
  const analyzerOf = (version: string | undefined, filePath: string | undefined): Analyzer => {
    if (!version || !filePath) return createDefaultAnalyzer();
    if (cached?.modelVersion !== version) cached = loadAnalyzer(filePath);
    return cached;
  };

  app.get(
    '/admin/team-labels',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['admin'],
        summary: "How right the model in use is on the team's labels given after its training cut-off",
      },
    },
    async (): Promise<TeamLabelsResponse> => {
      const [inUse, models] = await Promise.all([registry.promoted(), registry.list(20)]);
      const analyzer = analyzerOf(inUse?.version, inUse?.filePath);
      const version = analyzer.modelVersion;
      const span = await labelSpanOf(deps.db, version);
      const labels = await listTeamLabels(deps.db, span ? { after: span.cutoffAt } : {});
      const scores: TeamLabelScores = scoreOnTeamLabels(analyzer, labels);
      let candidate: TeamLabelsCandidate | null = null;
      for (const m of models) {
        const judged = Judged.safeParse(m.metrics);
        if (!judged.success) continue;
        candidate = {
          version: m.version,
          createdAt: m.createdAt,
          promoted: m.promoted,
          rebuild: judged.data.rebuild !== undefined,
          ...judged.data.teamLabels,
        };
        break;
      }
      return { current: { version, cutoffAt: span?.cutoffAt ?? null, scores }, candidate };
    },
  );
}
