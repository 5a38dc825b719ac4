import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated the component, true afterwards. A form whose fields live in
 * React state disables them until then: a choice made before hydration would be reset by it and lost without a word.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
