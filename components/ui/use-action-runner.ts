'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { plural } from '@/lib/text/plural';
import type { ActionOutcome } from './action-message';
import { focusFirstInvalid } from './focus-first-invalid';

type FieldIssues = Record<string, string>;
type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string; fields?: FieldIssues };

export interface RunOptions<T> {
  /** The message for a success; by default the action's value when it is text. `null` shows none. */
  describe?: (value: T) => string | ActionOutcome | null;
  /** Where to go after a success, instead of refreshing the page (e.g. when the item leaves the list). */
  navigateTo?: string | ((value: T) => string);
  /** Refresh the page after a success (default); off where the action's answer is all that changes. */
  refresh?: boolean;
  onSuccess?: (value: T) => void;
  /** The form whose first invalid control takes focus when the action refuses fields. */
  focusIn?: HTMLElement | null;
  /** Issues the form found itself, shown with the action's (and over its own for the same field). */
  fieldIssues?: FieldIssues;
  /** The message when fields are refused, where "Check N fields marked below." does not fit the form's layout. */
  fieldsMessage?: string;
}

function successMessage<T>(value: T, describe: RunOptions<T>['describe']): ActionOutcome | null {
  const described = describe ? describe(value) : typeof value === 'string' ? value : null;
  return typeof described === 'string' ? { ok: true, text: described } : described;
}

/**
 * Runs a server action: pending state while it runs, the action's message after, and a refresh or a navigation on
 * success. A refusal of form input marks its fields (`fieldErrors`, for each Field's error), says how many to check and
 * moves focus to the first, once they are painted.
 */
export function useActionRunner() {
  const router = useRouter();
  const [message, setMessage] = useState<ActionOutcome | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldIssues>({});
  const focusTarget = useRef<HTMLElement | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (focusTarget.current) focusFirstInvalid(focusTarget.current);
    focusTarget.current = null;
  }, [fieldErrors]);

  const run = <T>(action: () => Promise<ActionResult<T>>, options: RunOptions<T> = {}) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) {
        const fields = { ...result.fields, ...options.fieldIssues };
        const count = Object.keys(fields).length;
        focusTarget.current = count > 0 ? (options.focusIn ?? null) : null;
        setFieldErrors(fields);
        const fieldsText = options.fieldsMessage ?? `Check ${plural(count, 'field')} marked below.`;
        return setMessage({ ok: false, text: count > 0 ? fieldsText : result.error });
      }
      setFieldErrors({});
      setMessage(successMessage(result.value, options.describe));
      options.onSuccess?.(result.value);
      const target = typeof options.navigateTo === 'function' ? options.navigateTo(result.value) : options.navigateTo;
      if (target) router.push(target);
      else if (options.refresh !== false) router.refresh();
    });
  /** A refusal found before calling the server. */
  const fail = (text: string) => setMessage({ ok: false, text });
  return { message, fieldErrors, pending, run, fail };
}
