'use client';

import { useRouter } from 'next/navigation';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

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
  return (
    <div className="mb-6 grid gap-4 sm:grid-cols-2">
      <Field label="API">
        {(control) => (
          <Select {...control} size="sm" value={apiId ?? ''} onChange={(e) => go(e.target.value)}>
            <option value="">Choose an API…</option>
            {apis.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Operation">
        {(control) => (
          <Select {...control} size="sm" value={operationId ?? ''} disabled={!apiId} onChange={(e) => go(apiId ?? '', e.target.value)}>
            <option value="">Choose an operation…</option>
            {operations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </div>
  );
}
