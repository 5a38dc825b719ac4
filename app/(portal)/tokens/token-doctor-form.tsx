'use client';

import { useState, useTransition } from 'react';
import { DiagnosisView } from '@/components/tokens/diagnosis-view';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import type { UserDiagnosis } from '@/lib/doctor/diagnose-for-user';
import type { DoctorChoice } from '@/lib/doctor/token-doctor';
import { diagnoseTokenAction } from './actions';
import { TokenTargetFields } from './token-target-fields';

/** Paste a token, optionally pick what to check it against, and read the verdict. */
export function TokenDoctorForm({ choices }: { choices: DoctorChoice[] }) {
  const [token, setToken] = useState('');
  const [apiId, setApiId] = useState('');
  const [operationId, setOperationId] = useState('');
  const [result, setResult] = useState<UserDiagnosis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <div className="flex flex-col gap-6">
      <form
        aria-label="Check a token"
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          startTransition(async () => {
            const outcome = await diagnoseTokenAction({ token, apiId: apiId || undefined, operationId: operationId || undefined });
            if (outcome.ok) {
              setResult(outcome.value);
              setError(null);
            } else {
              setError(outcome.error);
            }
          });
        }}
      >
        <Field label="Access token">
          {(control) => (
            <Textarea
              {...control}
              size="sm"
              className="h-40 font-mono text-xs"
              spellCheck={false}
              autoComplete="off"
              placeholder="eyJ… (the part after “Bearer ”)"
              value={token}
              onChange={(e) => setToken(e.target.value)}
            />
          )}
        </Field>
        <TokenTargetFields
          choices={choices}
          apiId={apiId}
          operationId={operationId}
          onApi={(value) => {
            setApiId(value);
            setOperationId('');
          }}
          onOperation={setOperationId}
        />
        <div>
          <Button type="submit" variant="primary" size="md" disabled={pending}>
            {pending ? 'Checking…' : 'Check token'}
          </Button>
        </div>
        {error ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-400">
            {error}
          </p>
        ) : null}
      </form>
      {result ? (
        <>
          {!result.ownToken && result.diagnosis.claims ? (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              This token is not yours, so your roles in the directory were not used to explain it.
            </p>
          ) : null}
          <DiagnosisView
            diagnosis={result.diagnosis}
            requestAccess={result.ownToken ? result.requestAccess : result.requestAccess.filter((link) => link.forApp)}
          />
        </>
      ) : null}
    </div>
  );
}
