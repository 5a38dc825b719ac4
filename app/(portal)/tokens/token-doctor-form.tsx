'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { DiagnosisView } from '@/components/tokens/diagnosis-view';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { focusFirstInvalid } from '@/components/ui/focus-first-invalid';
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
  /** What the action found wrong with the pasted token: marked on the field, which gets focus once it is painted. */
  const [tokenError, setTokenError] = useState<string | null>(null);
  /** Counts refusals of the token, so each one moves focus to the field, even with the same message. */
  const [refusals, setRefusals] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals > 0) focusFirstInvalid(formRef.current);
  }, [refusals]);

  return (
    <div className="flex flex-col gap-6">
      <form
        ref={formRef}
        aria-label="Check a token"
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const input = { token, apiId: apiId || undefined, operationId: operationId || undefined };
          // Checked by the action alone (tokenDoctorSchema, the token's issue coming back by field): the schema would put
          // all of zod in this page's bundle.
          startTransition(async () => {
            const outcome = await diagnoseTokenAction(input);
            if (outcome.ok) setResult(outcome.value);
            const tokenIssue = outcome.ok ? undefined : outcome.fields?.token;
            if (tokenIssue !== undefined) setRefusals((n) => n + 1);
            setTokenError(tokenIssue ?? null);
            setFailure(outcome.ok ? null : tokenIssue ? 'Check the access token marked above.' : outcome.error);
          });
        }}
      >
        <Field label="Access token" error={tokenError} required>
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
          <ActionMessage message={failure ? { ok: false, text: failure } : null} />
        </div>
      </form>
      {result ? (
        <>
          {!result.ownToken && result.diagnosis.claims ? (
            <p className="text-xs muted">This token is not yours, so your roles in the directory were not used to explain it.</p>
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
