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
