'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';
import type { ConsoleOutcome } from '@/lib/console/console-types';
import type { ConsoleSendInput } from '@/lib/console/console-schema';
import { parameterDefault, parameterWireValue } from '@/lib/console/parameter-defaults';
import type { FixLink } from '@/lib/errors/user-facing-error';
import { sendConsoleRequestAction } from './actions';
import { ConsoleError } from './console-error';
import { ConsoleResult } from './console-result';
import { ParameterFieldset, type ParameterLocation } from './parameter-fieldset';
import { RequestBodyFields } from './request-body-fields';
import { HydrationGate } from '@/components/ui/hydration-gate';

const LOCATIONS: ParameterLocation[] = ['template', 'query', 'header'];

/** The form generated from the operation's parameters and request representation. */
export function ConsoleForm({ apiId, operation }: { apiId: string; operation: IndexedOperation }) {
  const [values, setValues] = useState<Record<ParameterLocation, Record<string, string>>>(() => {
    const start: Record<ParameterLocation, Record<string, string>> = { template: {}, query: {}, header: {} };
    const now = new Date();
    for (const p of operation.parameters) start[p.in][p.name] = parameterDefault(p, now);
    return start;
  });
  const representations = operation.representations;
  const takesBody = !['GET', 'HEAD', 'DELETE'].includes(operation.method) || representations.length > 0;
  const [contentType, setContentType] = useState(representations[0]?.contentType ?? 'application/json');
  const [body, setBody] = useState(representations[0]?.example ?? '');
  const [outcome, setOutcome] = useState<ConsoleOutcome | null>(null);
  const [error, setError] = useState<{ message: string; link?: FixLink } | null>(null);
  const [pending, startTransition] = useTransition();

  const set = (where: ParameterLocation, name: string, value: string) =>
    setValues((v) => ({ ...v, [where]: { ...v[where], [name]: value } }));
  const wire = (where: ParameterLocation) =>
    Object.fromEntries(
      operation.parameters.filter((p) => p.in === where).map((p) => [p.name, parameterWireValue(p, values[where][p.name] ?? '')]),
    );
  const send = () =>
    startTransition(async () => {
      const payload: ConsoleSendInput = {
        apiId,
        operationId: operation.id,
        template: wire('template'),
        query: wire('query'),
        headers: wire('header'),
        ...(takesBody ? { contentType, body } : {}),
      };
      const result = await sendConsoleRequestAction(payload);
      if (result.ok) {
        setOutcome(result.value);
        setError(null);
      } else {
        setError({ message: result.error, link: result.link });
      }
    });

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <form
        aria-label="Request"
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <HydrationGate>
          {LOCATIONS.map((where) => (
            <ParameterFieldset
              key={where}
              where={where}
              parameters={operation.parameters.filter((p) => p.in === where)}
              values={values[where]}
              onChange={(name, value) => set(where, name, value)}
            />
          ))}
          {takesBody ? (
            <RequestBodyFields
              contentTypes={representations.map((r) => r.contentType)}
              contentType={contentType}
              body={body}
              onContentType={setContentType}
              onBody={setBody}
            />
          ) : null}
          <div>
            <Button type="submit" variant="primary" size="md" disabled={pending}>
              {pending ? 'Sending…' : 'Send'}
            </Button>
          </div>
          {error ? <ConsoleError error={error} /> : null}
        </HydrationGate>
      </form>
      <div>{outcome ? <ConsoleResult outcome={outcome} /> : <p className="text-sm muted">The response appears here.</p>}</div>
    </div>
  );
}
