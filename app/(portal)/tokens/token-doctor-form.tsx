'use client';

import { useState, useTransition } from 'react';
import { DiagnosisView } from '@/components/tokens/diagnosis-view';
import type { UserDiagnosis } from '@/lib/doctor/diagnose-for-user';
import type { DoctorChoice } from '@/lib/doctor/token-doctor';
import { diagnoseTokenAction } from './actions';

const field = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Paste a token, optionally pick what to check it against, and read the verdict. */
export function TokenDoctorForm({ choices }: { choices: DoctorChoice[] }) {
  const [token, setToken] = useState('');
  const [apiId, setApiId] = useState('');
  const [operationId, setOperationId] = useState('');
  const [result, setResult] = useState<UserDiagnosis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const operations = choices.find((c) => c.id === apiId)?.operations ?? [];

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
        <label className="text-sm font-semibold">
          Access token
          <textarea
            className={`${field} h-40 font-mono text-xs`}
            spellCheck={false}
            autoComplete="off"
            placeholder="eyJ… (the part after “Bearer ”)"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="text-sm font-medium">
            API to check against
            <select
              className={field}
              value={apiId}
              onChange={(e) => {
                setApiId(e.target.value);
                setOperationId('');
              }}
            >
              <option value="">None (decode and verify only)</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.displayName}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Operation
            <select className={field} value={operationId} disabled={!apiId} onChange={(e) => setOperationId(e.target.value)}>
              <option value="">Any (no role check)</option>
              {operations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? 'Checking…' : 'Check token'}
          </button>
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
            <p className="text-xs text-slate-500">This token is not yours, so your roles in the directory were not used to explain it.</p>
          ) : null}
          <DiagnosisView diagnosis={result.diagnosis} requestAccess={result.ownToken ? result.requestAccess : []} />
        </>
      ) : null}
    </div>
  );
}
