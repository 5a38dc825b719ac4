'use client';

import { useRef, useState } from 'react';
import { DiagnosisView } from '@/components/tokens/diagnosis-view';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { useActionRunner } from '@/components/ui/use-action-runner';
import type { UserDiagnosis } from '@/lib/doctor/diagnose-for-user';
import type { DoctorChoice } from '@/lib/doctor/token-doctor';
import { diagnoseTokenAction } from './actions';
import { TokenTargetFields } from './token-target-fields';
import { HydrationGate } from '@/components/ui/hydration-gate';

/** Paste a token, optionally pick what to check it against, and read the verdict. */
export function TokenDoctorForm({ choices }: { choices: DoctorChoice[] }) {
  const [token, setToken] = useState('');
  const [apiId, setApiId] = useState('');
  const [operationId, setOperationId] = useState('');
  const [result, setResult] = useState<UserDiagnosis | null>(null);
  // What the action finds wrong with the pasted token comes back by field: marked on it, which gets focus once painted.
  const { message, fieldErrors, pending, run } = useActionRunner();
  const formRef = useRef<HTMLFormElement>(null);

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
          run(() => diagnoseTokenAction(input), {
            describe: () => null,
            onSuccess: setResult,
            refresh: false,
            focusIn: formRef.current,
            fieldsMessage: 'Check the access token marked above.',
          });
        }}
      >
        <HydrationGate>
          <Field label="Access token" error={fieldErrors.token} required>
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
            <ActionMessage message={message} />
          </div>
        </HydrationGate>
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
