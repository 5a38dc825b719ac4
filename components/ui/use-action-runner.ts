'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionOutcome } from './action-message';

type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface RunOptions<T> {
  /** The message for a success; by default the action's value when it is text. `null` shows none. */
  describe?: (value: T) => string | ActionOutcome | null;
  /** Where to go after a success, instead of refreshing the page (e.g. when the item leaves the list). */
  navigateTo?: string | ((value: T) => string);
  /** Refresh the page after a success (default); off where the action's answer is all that changes. */
  refresh?: boolean;
  onSuccess?: (value: T) => void;
}

function successMessage<T>(value: T, describe: RunOptions<T>['describe']): ActionOutcome | null {
  const described = describe ? describe(value) : typeof value === 'string' ? value : null;
  return typeof described === 'string' ? { ok: true, text: described } : described;
}

/** Runs a server action: pending state while it runs, the action's message after, and a refresh or a navigation on success. */
export function useActionRunner() {
  const router = useRouter();
  const [message, setMessage] = useState<ActionOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  const run = <T>(action: () => Promise<ActionResult<T>>, options: RunOptions<T> = {}) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setMessage({ ok: false, text: result.error });
      setMessage(successMessage(result.value, options.describe));
      options.onSuccess?.(result.value);
      const target = typeof options.navigateTo === 'function' ? options.navigateTo(result.value) : options.navigateTo;
      if (target) router.push(target);
      else if (options.refresh !== false) router.refresh();
    });
  /** A refusal found before calling the server (the same schema the action checks). */
  const fail = (text: string) => setMessage({ ok: false, text });
  return { message, pending, run, fail };
}
