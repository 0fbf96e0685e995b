import type { AccessTables } from './access.ts';
import type { CitizenTables } from './citizen.ts';
import type { ConnectorsTables } from './connectors.ts';
import type { DashboardTables } from './dashboard.ts';
import type { ModelsTables } from './models.ts';
import type { NoticesTables } from './notices.ts';
import type { PrivacyTables } from './privacy.ts';
import type { RollupChangesTables } from './rollup-changes.ts';
import type { SpineTables } from './spine.ts';
import type { TeamLabelsTables } from './team-labels.ts';
import type { TrendsTables } from './trends.ts';

export type * from './access.ts';
export type * from './citizen.ts';
export type * from './connectors.ts';
export type * from './dashboard.ts';
export type * from './models.ts';
export type * from './notices.ts';
export type * from './privacy.ts';
export type * from './rollup-changes.ts';
export type * from './spine.ts';
export type * from './team-labels.ts';
export type * from './trends.ts';

/** The whole schema, assembled from one interface per feature. */
export interface Database
  extends SpineTables,
    ConnectorsTables,
    ModelsTables,
    DashboardTables,
    TrendsTables,
    CitizenTables,
    PrivacyTables,
    AccessTables,
    TeamLabelsTables,
    RollupChangesTables,
    NoticesTables {}
