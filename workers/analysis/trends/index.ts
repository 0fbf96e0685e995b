/** Trend maths: pure functions over counts and texts; no database, clock or network. */
export { type EmergingOptions, type EmergingTerm, emergingTerms, emergingTermsByGroup } from './emerging.ts';
export {
  canonical,
  type DuplicateGroup,
  type DuplicateOptions,
  groupNearDuplicates,
} from './near-duplicates.ts';
export { type Marker, markerNear } from './releases.ts';
export { type Baseline, HOUR_MS, seasonalBaseline, WEEK_HOURS } from './seasonal.ts';
export {
  decideIncident,
  type HourlySeries,
  type HourScore,
  historicalIncidents,
  type Incident,
  type IncidentDecision,
  type SpikeOptions,
  scoreHours,
} from './spikes.ts';
export { log10UpperTail } from './tail.ts';
export { hasFunctionWordAtEdge, phrases, STOPWORDS, surfaceForms, tokens } from './terms.ts';
