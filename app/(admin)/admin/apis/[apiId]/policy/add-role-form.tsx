'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { addAppRoleAction } from './actions';

const EMPTY = { value: '', displayName: '', description: '' };

/**
 * Adds a user-assignable app role to the app registration, after an explicit confirmation. The action checks the
 * role (newAppRoleSchema) and returns each field's issue, which the form marks, focusing the first, input kept: the
 * schema would put all of zod in this page's bundle.
 */
export function AddRoleForm({ apiId, appName, existing }: { apiId: string; appName: string; existing: string[] }) {
  const [fields, setFields] = useState(EMPTY);
  const [confirming, setConfirming] = useState(false);
  const { message, fieldErrors, pending, run } = useActionRunner();
  const sectionRef = useRef<HTMLElement>(null);
  // Not the schema: the three fields are required, and a value the app already defines cannot be added again.
  const filled = Object.values(fields).every((text) => text.trim() !== '');
  const duplicate = existing.includes(fields.value.trim());
  const set = (key: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setConfirming(false);
    setFields((f) => ({ ...f, [key]: e.target.value }));
  };

  const submit = () =>
    run(
      async () => {
        const result = await addAppRoleAction({ apiId, ...fields });
        setConfirming(false);
        return result;
      },
      {
        describe: (role) => `${role.value} was added to ${appName}.`,
        onSuccess: () => setFields(EMPTY),
        focusIn: sectionRef.current,
        // The action revalidates this page; nothing else to refresh.
        refresh: false,
      },
    );

  return (
    <section ref={sectionRef} aria-label="Add an app role" className="mt-8 max-w-xl">
      <h2 className="mb-2 text-lg font-semibold">Add an app role to {appName}</h2>
      <div className="grid gap-2">
        <Field
          label="Value (what tokens carry)"
          labelSize="xs"
          error={duplicate ? `${appName} already defines this role.` : fieldErrors.value}
          required
        >
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
        <Field label="Display name" labelSize="xs" error={fieldErrors.displayName} required>
          {(control) => (
            <Input {...control} size="sm" aria-label="Role display name" value={fields.displayName} onChange={set('displayName')} />
          )}
        </Field>
        <Field label="Description" labelSize="xs" error={fieldErrors.description} required>
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
        <Button disabled={!filled || duplicate} onClick={() => setConfirming(true)} className="mt-3">
          Add role…
        </Button>
      )}
    </section>
  );
}
