'use client';

import { useRouter } from 'next/navigation';

interface Option {
  id: string;
  label: string;
}

/** API and operation choice; the choice lives in the URL so a link from an API page opens the operation directly. */
export function ConsolePicker({
  apis,
  apiId,
  operations,
  operationId,
}: {
  apis: Option[];
  apiId?: string;
  operations: Option[];
  operationId?: string;
}) {
  const router = useRouter();
  const go = (api: string, operation?: string) => {
    const params = new URLSearchParams();
    if (api) params.set('api', api);
    if (operation) params.set('operation', operation);
    router.push(`/console${params.size ? `?${params.toString()}` : ''}`);
  };
  const select = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';
  return (
    <div className="mb-6 grid gap-4 sm:grid-cols-2">
      <label className="text-sm font-medium">
        API
        <select className={select} value={apiId ?? ''} onChange={(e) => go(e.target.value)}>
          <option value="">Choose an API…</option>
          {apis.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Operation
        <select className={select} value={operationId ?? ''} disabled={!apiId} onChange={(e) => go(apiId ?? '', e.target.value)}>
          <option value="">Choose an operation…</option>
          {operations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
