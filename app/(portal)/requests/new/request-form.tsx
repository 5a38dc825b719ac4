'use client';

import { useRef, useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { useActionRunner } from '@/components/ui/use-action-runner';
import type { RequestableRole } from '@/lib/approvals/requestable-roles';
import { daysUntil } from '@/lib/requests/duration-date';
import { JUSTIFICATION_MAX } from '@/lib/requests/justification-limits';
import { plural } from '@/lib/text/plural';
import { submitRequestAction } from '../actions';
import { DurationField, longestDays, type DurationChoice } from './duration-field';
import { RoleFieldset } from './role-fieldset';
import { ClientPicker } from './client-picker';
import type { WorkloadClient } from '@/lib/directory/workload-clients';
import { HydrationGate } from '@/components/ui/hydration-gate';

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
  /** A renewal of this grant, its justification filled in from it (the request extends the grant once approved). */
  renewal?: { grantId: string; justification: string; expiresAt: string };
}

/** The days to record for the choice (counted from `from`: today, or a renewed grant's end), or what is wrong with the date. */
function chosenDays(role: RequestableRole, choice: DurationChoice, date: string, from: Date | null): { days?: number; error?: string } {
  if (choice === 'none') return {};
  if (choice !== 'date') return { days: Number(choice) };
  const days = daysUntil(date, from ?? new Date());
  const longest = longestDays(role.maxDays);
  if (days === null) return { error: 'Choose the day the role should end.' };
  if (days < 1 || days > longest)
    return {
      error: from
        ? `Choose a day after ${from.toISOString().slice(0, 10)}, at most ${plural(longest, 'day')} after it.`
        : `Choose a day between tomorrow and ${plural(longest, 'day')} from today.`,
    };
  return { days };
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
  renewal,
}: RequestFormProps) {
  // A subscription key belongs to a person's APIM user: an application's request asks for the role alone; a renewal
  // asks for the role it extends, nothing more.
  const subscriptionProduct = clients || renewal ? null : productForUser;
  // Opt-in: a second part with its own terms and approval is asked for only when the person ticks it.
  const [alsoSubscribe, setAlsoSubscribe] = useState(false);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [roleId, setRoleId] = useState(initialRoleId ?? '');
  const [clientSpId, setClientSpId] = useState(initialClientSpId ?? '');
  const client = clients?.find((c) => c.servicePrincipalId === clientSpId);
  const [justification, setJustification] = useState(renewal?.justification ?? '');
  const [choice, setChoice] = useState<DurationChoice>('');
  const [date, setDate] = useState('');
  const { message, fieldErrors: errors, pending, run } = useActionRunner();
  const role = roles.find((r) => r.id === roleId);
  // Until the person picks, the longest one-click length, as the server defaults to the rule's maximum.
  const duration = choice || (role && role.durations.length > 0 ? String(Math.max(...role.durations)) : '');

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const length = role ? chosenDays(role, duration, date, renewal ? new Date(renewal.expiresAt) : null) : {};
    const subscription = alsoSubscribe && subscriptionProduct ? { productId: subscriptionProduct.id, acceptTerms } : undefined;
    const input = {
      apiId,
      roleId,
      justification,
      // A day the form could not turn into a length is sent as 0 days, which the action refuses for sure, so the
      // refusal lists the other fields' issues too; the form's own words for the date are shown over the action's.
      durationDays: length.error ? 0 : length.days,
      submissionId,
      subscription,
      ...(clients ? { clientSpId } : {}),
      ...(renewal ? { renews: renewal.grantId } : {}),
    };
    // Checked by the action alone (submitRequest's schema, every field's issue coming back): the schema would put all
    // of zod in this form's bundle.
    run(() => submitRequestAction(input), {
      focusIn: formRef.current,
      fieldIssues: length.error ? { durationDays: length.error } : undefined,
      describe: () => ({ ok: true, text: `${renewal ? 'Renewal' : 'Request'} submitted; opening it…` }),
      navigateTo: (value) => `/requests/${encodeURIComponent(value.requestId)}`,
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={`${renewal ? 'Renew' : 'Request'} a role of ${apiName}`}>
      <HydrationGate className="space-y-6">
        {clients ? (
          <ClientPicker clients={clients} value={clientSpId} onChange={setClientSpId} error={errors.clientSpId} chosen={client} />
        ) : null}
        <RoleFieldset
          apiId={apiId}
          apiName={apiName}
          roles={roles}
          roleId={roleId}
          error={errors.roleId}
          onChoose={(id) => {
            setRoleId(id);
            setChoice('');
          }}
        />

        <Field
          label="Justification"
          hint={`${justification.trim().length} / ${JUSTIFICATION_MAX} characters; the approver reads this.`}
          error={errors.justification}
          required
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

        {role && role.durations.length > 0 ? (
          <DurationField
            durations={role.durations}
            maxDays={role.maxDays}
            choice={duration}
            date={date}
            error={errors.durationDays}
            onChoice={setChoice}
            onDate={setDate}
            from={renewal ? new Date(renewal.expiresAt) : undefined}
          />
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
                <p className="whitespace-pre-line supporting-text">{subscriptionProduct.terms}</p>
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={acceptTerms} onChange={(e) => setAcceptTerms(e.target.checked)} />I accept the terms of
                  use of {subscriptionProduct.displayName}
                </label>
              </>
            ) : null}
          </fieldset>
        ) : null}

        <div>
          <Button type="submit" variant="primary" size="md" disabled={pending}>
            {pending ? 'Submitting…' : renewal ? 'Submit renewal request' : 'Submit request'}
          </Button>
          <ActionMessage message={message} />
        </div>
      </HydrationGate>
    </form>
  );
}
