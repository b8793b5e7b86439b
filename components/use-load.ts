import type { Inputs } from 'preact/hooks';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from './error-message.ts';

export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

/**
 * Runs `load` when `inputs` change and tracks its outcome; a result that arrives after
 * the inputs changed or the component unmounted is dropped, so a slow read never shows stale data.
 */
export function useLoad<T>(load: () => Promise<T>, inputs: Inputs): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: unknown) => current && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
    // The caller names the inputs, as with useEffect.
  }, inputs);
  return state;
}
