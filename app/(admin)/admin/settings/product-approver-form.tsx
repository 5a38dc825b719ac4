'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { saveProductApproverGroupAction } from './actions';
import { HydrationGate } from '@/components/ui/hydration-gate';

/** Names the Entra group (by object id) whose members approve one product's subscriptions; blank = portal admins only. */
export function ProductApproverForm({ productId, productName, groupId }: { productId: string; productName: string; groupId: string }) {
  const [value, setValue] = useState(groupId);
  const { message, pending, run } = useActionRunner();

  function save(event: React.FormEvent) {
    event.preventDefault();
    const input = { productId, groupId: value };
    // Checked by the action alone (saveProductApproverGroup's schema; its first issue is the message shown): the schema
    // would put all of zod in this form's bundle.
    run(() => saveProductApproverGroupAction(input));
  }

  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-3" aria-label={`Approvers of ${productName}`}>
      <HydrationGate>
        <Field
          label="Approver group (Entra object id)"
          labelSize="xs"
          hint="Blank: portal admins alone approve."
          className="w-full sm:w-auto"
        >
          {(control) => (
            <Input
              {...control}
              size="sm"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder="00000000-0000-0000-0000-000000000000"
              spellCheck={false}
              className="w-full font-mono sm:w-96"
            />
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
        <div className="basis-full">
          <ActionMessage message={message} />
        </div>
      </HydrationGate>
    </form>
  );
}
