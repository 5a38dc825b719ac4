'use client';

import { useState, useTransition } from 'react';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';
import type { ConsoleOutcome } from '@/lib/console/console-types';
import type { ConsoleSendInput } from '@/lib/console/console-schema';
import type { FixLink } from '@/lib/errors/user-facing-error';
import { sendConsoleRequestAction } from './actions';
import { ConsoleResult } from './console-result';

type Where = 'template' | 'query' | 'header';
const input =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-slate-700 dark:bg-slate-900';

/** The form generated from the operation's parameters and request representation. */
export function ConsoleForm({ apiId, operation }: { apiId: string; operation: IndexedOperation }) {
  const [values, setValues] = useState<Record<Where, Record<string, string>>>(() => {
    const start: Record<Where, Record<string, string>> = { template: {}, query: {}, header: {} };
    for (const p of operation.parameters) start[p.in][p.name] = p.defaultValue ?? '';
    return start;
  });
  const representations = operation.representations;
  const takesBody = !['GET', 'HEAD', 'DELETE'].includes(operation.method) || representations.length > 0;
  const [contentType, setContentType] = useState(representations[0]?.contentType ?? 'application/json');
  const [body, setBody] = useState(representations[0]?.example ?? '');
  const [outcome, setOutcome] = useState<ConsoleOutcome | null>(null);
  const [error, setError] = useState<{ message: string; link?: FixLink } | null>(null);
  const [pending, startTransition] = useTransition();

  const set = (where: Where, name: string, value: string) => setValues((v) => ({ ...v, [where]: { ...v[where], [name]: value } }));
  const send = () =>
    startTransition(async () => {
      const payload: ConsoleSendInput = {
        apiId,
        operationId: operation.id,
        template: values.template,
        query: values.query,
        headers: values.header,
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
        {(['template', 'query', 'header'] as const).map((where) => {
          const params = operation.parameters.filter((p) => p.in === where);
          if (params.length === 0) return null;
          return (
            <fieldset key={where} className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-semibold">
                {where === 'template' ? 'Path parameters' : where === 'query' ? 'Query parameters' : 'Headers'}
              </legend>
              {params.map((p) => (
                <label key={p.name} className="text-sm">
                  <span className="font-mono">{p.name}</span>
                  {p.required ? <span className="text-rose-600">*</span> : null}
                  {p.description ? <span className="ml-2 text-xs text-slate-500">{p.description}</span> : null}
                  {p.values.length > 0 ? (
                    <select className={input} value={values[where][p.name] ?? ''} onChange={(e) => set(where, p.name, e.target.value)}>
                      <option value="">—</option>
                      {p.values.map((v) => (
                        <option key={v}>{v}</option>
                      ))}
                    </select>
                  ) : (
                    <input
                      className={input}
                      required={p.required}
                      value={values[where][p.name] ?? ''}
                      onChange={(e) => set(where, p.name, e.target.value)}
                    />
                  )}
                </label>
              ))}
            </fieldset>
          );
        })}
        {takesBody ? (
          <div className="flex flex-col gap-2">
            {representations.length > 1 ? (
              <label className="text-sm font-semibold">
                Content type
                <select className={input} value={contentType} onChange={(e) => setContentType(e.target.value)}>
                  {representations.map((r) => (
                    <option key={r.contentType}>{r.contentType}</option>
                  ))}
                </select>
              </label>
            ) : null}
            <label className="text-sm font-semibold">
              Request body <span className="font-normal text-slate-500">({contentType})</span>
              <textarea className={`${input} h-48`} spellCheck={false} value={body} onChange={(e) => setBody(e.target.value)} />
            </label>
          </div>
        ) : null}
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? 'Sending…' : 'Send'}
          </button>
        </div>
        {error ? (
          <p
            role="alert"
            className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200"
          >
            {error.message}
            {error.link ? (
              <>
                {' '}
                <a href={error.link.href} className="font-semibold underline" target="_blank" rel="noreferrer">
                  {error.link.label}
                </a>
              </>
            ) : null}
          </p>
        ) : null}
      </form>
      <div>{outcome ? <ConsoleResult outcome={outcome} /> : <p className="text-sm text-slate-500">The response appears here.</p>}</div>
    </div>
  );
}
