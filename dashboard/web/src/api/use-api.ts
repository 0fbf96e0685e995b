/** The one fetching primitive behind every endpoint hook: loading / data / error, with reload. */
import { useCallback, useEffect, useState } from 'react';
import { ApiFailure, api } from './client.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiFailure | undefined;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{
    data: T | undefined;
    error: ApiFailure | undefined;
    loading: boolean;
  }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    // `tick` changes on reload(); reading it here makes the refetch an explicit dependency.
    if (path === null || tick < 0) return;
    const ctrl = new AbortController();
    // Keep the previous data while refetching so charts do not flash empty on a filter change.
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api<T>(path, { signal: ctrl.signal }).then(
      (data) => setState({ data, error: undefined, loading: false }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const error = err instanceof ApiFailure ? err : new ApiFailure(0, 'unknown', String(err));
        setState({ data: undefined, error, loading: false });
      },
    );
    return () => ctrl.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * After asking the server for work that finishes in the background (a report, a retraining): reload
 * `state` every `everyMs` until `found` recognises the result in the data, or give up after `forMs`.
 * `start(since)` begins waiting; `since` is what `found` compares against (e.g. the newest time seen).
 */
export function useReloadUntil<T, R>(
  state: ApiState<T>,
  found: (data: T, since: number) => R | undefined,
  on: { found: (result: R) => void; timeout: () => void },
  everyMs: number,
  forMs: number,
): { waiting: boolean; start: (since: number) => void } {
  const [since, setSince] = useState<number | null>(null);
  const [askedAt, setAskedAt] = useState(0);
  useEffect(() => {
    if (since === null) return;
    if (state.error) {
      // The list could not be read: stop waiting (the page shows the error and a retry).
      setSince(null);
      on.timeout();
      return;
    }
    if (state.data === undefined) return;
    const result = found(state.data, since);
    if (result !== undefined) {
      setSince(null);
      on.found(result);
      return;
    }
    if (Date.now() - askedAt > forMs) {
      setSince(null);
      on.timeout();
      return;
    }
    const timer = setTimeout(state.reload, everyMs);
    return () => clearTimeout(timer);
  }, [since, askedAt, state.data, state.error, state.reload, found, on, everyMs, forMs]);
  const start = useCallback((s: number) => {
    setAskedAt(Date.now());
    setSince(s);
  }, []);
  return { waiting: since !== null, start };
}
