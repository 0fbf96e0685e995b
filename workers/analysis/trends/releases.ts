/** Release and incident markers near a spike: "began 2 h after release 2.1.5". */

export interface Marker {
  id: number;
  at: number;
  label: string;
}

/**
 * The latest marker at most `withinMs` before the spike began (or within its first hour, since
 * roll-ups are hourly and a release at 10:40 explains a spike counted from 10:00).
 */
export function markerNear<M extends Marker>(
  markers: readonly M[],
  spikeStart: number,
  withinMs: number = 6 * 3_600_000,
): M | undefined {
  let best: M | undefined;
  for (const m of markers) {
    if (m.at < spikeStart - withinMs || m.at >= spikeStart + 3_600_000) continue;
    if (!best || m.at > best.at || (m.at === best.at && m.id > best.id)) best = m;
  }
  return best;
}
