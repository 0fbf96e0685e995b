/** Tables added by the dashboard work; extend this interface (one file per feature keeps merges clean). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the dashboard feature
export interface DashboardTables {}
