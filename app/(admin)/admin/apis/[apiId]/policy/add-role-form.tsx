'use client';

import { useState, useTransition } from 'react';
import { Notice } from '@/components/ui/notice';
import { newAppRoleSchema } from '@/lib/policy-studio/role-map-schema';
import { addAppRoleAction } from './actions';

/** Adds a user-assignable app role to the app registration, after an explicit confirmation. */
export function AddRoleForm({ apiId, appName, existing }: { apiId: string; appName: string; existing: string[] }) {
  const [fields, setFields] = useState({ value: '', displayName: '', description: '' });
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const parsed = newAppRoleSchema.safeParse({ apiId, ...fields });
  const duplicate = existing.includes(fields.value.trim());
  const input = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';
  const set = (key: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setConfirming(false);
    setFields((f) => ({ ...f, [key]: e.target.value }));
  };

  const submit = () =>
    startTransition(async () => {
      const result = await addAppRoleAction({ apiId, ...fields });
      setConfirming(false);
      if (result.ok) {
        setMessage({ ok: true, text: `${result.value.value} was added to ${appName}.` });
        setFields({ value: '', displayName: '', description: '' });
      } else setMessage({ ok: false, text: result.error });
    });

  return (
    <section aria-label="Add an app role" className="mt-8 max-w-xl">
      <h2 className="mb-2 text-lg font-semibold">Add an app role to {appName}</h2>
      <div className="grid gap-2 text-sm">
        <label className="grid gap-1">
          <span className="text-xs text-slate-500">Value (what tokens carry)</span>
          <input
            aria-label="Role value"
            value={fields.value}
            onChange={set('value')}
            placeholder="Orders.Audit"
            className={`${input} font-mono`}
          />
        </label>
        <label className="grid gap-1">
          <span className="text-xs text-slate-500">Display name</span>
          <input aria-label="Role display name" value={fields.displayName} onChange={set('displayName')} className={input} />
        </label>
        <label className="grid gap-1">
          <span className="text-xs text-slate-500">Description</span>
          <input aria-label="Role description" value={fields.description} onChange={set('description')} className={input} />
        </label>
      </div>
      {duplicate ? <p className="mt-1 text-xs text-rose-700 dark:text-rose-400">{appName} already defines this role.</p> : null}
      {message ? (
        <div className="mt-2">
          <Notice tone={message.ok ? 'success' : 'error'}>{message.text}</Notice>
        </div>
      ) : null}
      {confirming ? (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
          <p>
            This changes the app registration {appName} in Microsoft Entra: users can be assigned{' '}
            <span className="font-mono">{fields.value}</span> from now on.
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" disabled={pending} onClick={submit} className="rounded-md bg-brand-600 px-3 py-1 text-white">
              {pending ? 'Adding…' : 'Confirm and add'}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          disabled={!parsed.success || duplicate}
          onClick={() => setConfirming(true)}
          className="mt-3 rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-60 dark:border-slate-700"
        >
          Add role…
        </button>
      )}
    </section>
  );
}
