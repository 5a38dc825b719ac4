'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';

type Result = { ok: true; value: string } | { ok: false; error: string };

/** Runs a server action from a button: pending state, the action's message, and a refresh on success. */
export function useActionRunner() {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<Result>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { ok: true, text: result.value } : { ok: false, text: result.error });
      if (result.ok) router.refresh();
    });
  return { message, pending, run };
}
