/** Tables added by the models work; extend this interface (one file per feature keeps merges clean). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the models feature
export interface ModelsTables {}
