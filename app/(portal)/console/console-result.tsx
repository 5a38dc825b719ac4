'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { ResponseView } from '@/components/console/response-view';
import { Button } from '@/components/ui/button';
import { DiagnosisView } from '@/components/tokens/diagnosis-view';
import { JsonBlock } from '@/components/tokens/json-block';
import type { ConsoleOutcome, RevealedSecrets } from '@/lib/console/console-types';
import { renderCurl } from '@/lib/console/render-curl';
import { revealConsoleSecretsAction } from './actions';

function CurlPanel({ outcome }: { outcome: ConsoleOutcome }) {
  const [revealed, setRevealed] = useState<RevealedSecrets | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  const curl = renderCurl(outcome.request, revealed);
  const hasSecret = outcome.request.headers.some((h) => h.secret);
  return (
    <section aria-label="curl" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">Copy as curl</h3>
        <Button size="xs" onClick={() => void navigator.clipboard?.writeText(curl).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        {hasSecret ? (
          <Button
            size="xs"
            disabled={pending}
            onClick={() =>
              revealed
                ? setRevealed(undefined)
                : startTransition(async () => {
                    const result = await revealConsoleSecretsAction(outcome.callId);
                    if (result.ok) setRevealed(result.value);
                    else setError(result.error);
                  })
            }
          >
            {revealed ? 'Hide' : 'Reveal'}
          </Button>
        ) : null}
      </div>
      {error ? <p className="text-xs text-rose-700 dark:text-rose-400">{error}</p> : null}
      <pre data-testid="curl" className="overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
        {curl}
      </pre>
    </section>
  );
}

/** The answer, the request as curl, and either the doctor's explanation of a refusal or the claims the call used. */
export function ConsoleResult({ outcome }: { outcome: ConsoleOutcome }) {
  return (
    <div className="flex flex-col gap-6" data-testid="console-result">
      {outcome.notes.map((note) => (
        <p key={note} className="text-sm warning-text">
          {note}
        </p>
      ))}
      <ResponseView response={outcome.response} />
      {outcome.diagnosis ? (
        <section aria-label="Why the gateway refused" className="flex flex-col gap-2">
          <h3 className="text-base font-semibold">Why the gateway answered {outcome.response.status}</h3>
          <DiagnosisView diagnosis={outcome.diagnosis} requestAccess={outcome.requestAccess} />
        </section>
      ) : outcome.tokenClaims ? (
        <section aria-label="Token used" className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Claims of the token used</h3>
          <JsonBlock label="Claims of the token used" value={outcome.tokenClaims} />
        </section>
      ) : null}
      {outcome.subscription ? (
        <p className="text-xs muted">Sent with the key of your subscription “{outcome.subscription.displayName}”.</p>
      ) : null}
      <CurlPanel key={outcome.callId} outcome={outcome} />
      {outcome.tokenClaims ? (
        <Link
          href={`/tokens?call=${encodeURIComponent(outcome.callId)}`}
          className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          Open this token in the token doctor
        </Link>
      ) : null}
    </div>
  );
}
