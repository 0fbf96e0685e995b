/** Tables added by the trends work; extend this interface (one file per feature keeps merges clean). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the trends feature
export interface TrendsTables {}
