'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
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
      <div className="grid gap-2">
        <Field label="Value (what tokens carry)" labelSize="xs" error={duplicate ? `${appName} already defines this role.` : null}>
          {(control) => (
            <Input
              {...control}
              size="sm"
              aria-label="Role value"
              value={fields.value}
              onChange={set('value')}
              placeholder="Orders.Audit"
              className="font-mono"
            />
          )}
        </Field>
        <Field label="Display name" labelSize="xs">
          {(control) => (
            <Input {...control} size="sm" aria-label="Role display name" value={fields.displayName} onChange={set('displayName')} />
          )}
        </Field>
        <Field label="Description" labelSize="xs">
          {(control) => (
            <Input {...control} size="sm" aria-label="Role description" value={fields.description} onChange={set('description')} />
          )}
        </Field>
      </div>
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
            <Button variant="primary" disabled={pending} onClick={submit}>
              {pending ? 'Adding…' : 'Confirm and add'}
            </Button>
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
          </div>
        </div>
      ) : (
        <Button disabled={!parsed.success || duplicate} onClick={() => setConfirming(true)} className="mt-3">
          Add role…
        </Button>
      )}
    </section>
  );
}
