'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useActionRunner } from '@/components/ui/use-action-runner';
import type { RequestableRole } from '@/lib/approvals/requestable-roles';
import { JUSTIFICATION_MAX, requestSchema } from '@/lib/requests/request-schema';
import { submitRequestAction } from '../actions';
import { RoleFieldset } from './role-fieldset';
import { ClientPicker } from './client-picker';
import type { WorkloadClient } from '@/lib/directory/workload-clients';

export interface RequestFormProps {
  apiId: string;
  apiName: string;
  roles: RequestableRole[];
  initialRoleId?: string;
  /** Made once per render of the page, so posting this form twice records one request. */
  submissionId: string;
  /** Set for a request for an application: the ones the user owns and the tenant's managed identities. */
  clients?: WorkloadClient[];
  /** The application to preselect (from the token doctor's "Request for this app"). */
  initialClientSpId?: string;
  /** The product whose key the API also needs, offered as a second part of the same request (not for an application). */
  subscriptionProduct?: { id: string; displayName: string; terms: string; approvalRequired: boolean } | null;
}

export function RequestForm({
  apiId,
  apiName,
  roles,
  initialRoleId,
  submissionId,
  clients,
  initialClientSpId,
  subscriptionProduct: productForUser,
}: RequestFormProps) {
  // A subscription key belongs to a person's APIM user: an application's request asks for the role alone.
  const subscriptionProduct = clients ? null : productForUser;
  const [alsoSubscribe, setAlsoSubscribe] = useState(subscriptionProduct !== null && subscriptionProduct !== undefined);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [roleId, setRoleId] = useState(initialRoleId ?? '');
  const [clientSpId, setClientSpId] = useState(initialClientSpId ?? '');
  const client = clients?.find((c) => c.servicePrincipalId === clientSpId);
  const [justification, setJustification] = useState('');
  const [duration, setDuration] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { message, pending, run } = useActionRunner();
  const role = roles.find((r) => r.id === roleId);
  const durations = role?.durations ?? [];
  const days = duration || (durations.length > 0 ? String(Math.max(...durations)) : '');

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const subscription = alsoSubscribe && subscriptionProduct ? { productId: subscriptionProduct.id, acceptTerms } : undefined;
    const input = {
      apiId,
      roleId,
      justification,
      durationDays: days || undefined,
      submissionId,
      subscription,
      ...(clients ? { clientSpId } : {}),
    };
    const parsed = requestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    run(() => submitRequestAction(input), {
      describe: () => null,
      navigateTo: (value) => `/requests/${encodeURIComponent(value.requestId)}`,
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={`Request a role of ${apiName}`}>
      {clients ? (
        <ClientPicker clients={clients} value={clientSpId} onChange={setClientSpId} error={errors.clientSpId} chosen={client} />
      ) : null}
      <RoleFieldset
        apiName={apiName}
        roles={roles}
        roleId={roleId}
        error={errors.roleId}
        onChoose={(id) => {
          setRoleId(id);
          setDuration('');
        }}
      />

      <Field
        label="Justification"
        hint={`${justification.trim().length} / ${JUSTIFICATION_MAX} characters; the approver reads this.`}
        error={errors.justification}
      >
        {(control) => (
          <Textarea
            {...control}
            name="justification"
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            rows={4}
            maxLength={JUSTIFICATION_MAX + 200}
            placeholder="What you are building and why it needs this role"
          />
        )}
      </Field>

      {role && durations.length > 0 ? (
        <Field label="Duration" error={errors.durationDays} className="max-w-xs">
          {(control) => (
            <Select {...control} name="durationDays" value={days} onChange={(e) => setDuration(e.target.value)}>
              {durations.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </Select>
          )}
        </Field>
      ) : null}

      {subscriptionProduct ? (
        <fieldset className="space-y-2 text-sm" aria-label="Subscription key">
          <p>
            Calls to {apiName} also need a subscription key from {subscriptionProduct.displayName}
            {subscriptionProduct.approvalRequired ? ', which an approver grants' : ''}.
          </p>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={alsoSubscribe} onChange={(e) => setAlsoSubscribe(e.target.checked)} />
            Also request a subscription to {subscriptionProduct.displayName}
          </label>
          {alsoSubscribe && subscriptionProduct.terms ? (
            <>
              <p className="whitespace-pre-line text-slate-600 dark:text-slate-400">{subscriptionProduct.terms}</p>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={acceptTerms} onChange={(e) => setAcceptTerms(e.target.checked)} />I accept the terms of use
                of {subscriptionProduct.displayName}
              </label>
            </>
          ) : null}
        </fieldset>
      ) : null}

      <div>
        <Button type="submit" variant="primary" size="md" disabled={pending}>
          {pending ? 'Submitting…' : 'Submit request'}
        </Button>
        <ActionMessage message={message} />
      </div>
    </form>
  );
}
