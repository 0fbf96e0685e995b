/** Tables added by the connectors work; extend this interface (one file per feature keeps merges clean). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the connectors feature
export interface ConnectorsTables {}
