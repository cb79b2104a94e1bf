// A value the core gives asynchronously (a list read from AWS), as a screen shows it: loading,
// loaded, or failed with the reason. `reload` asks again; an answer for an older ask is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';

export type Async<T> =
  | { state: 'loading' }
  | { state: 'loaded'; value: T }
  | { state: 'failed'; error: unknown };

export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Async<T> & {
  reload(): void;
} {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(load);
  latest.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    latest.current(controller.signal).then(
      (value) => controller.signal.aborted || setResult({ state: 'loaded', value }),
      (error: unknown) => controller.signal.aborted || setResult({ state: 'failed', error }),
    );
    return () => controller.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...result, reload };
}
