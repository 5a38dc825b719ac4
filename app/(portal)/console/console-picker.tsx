'use client';

import { useRouter } from 'next/navigation';
import { ApiOperationSelects, type PickOption } from '@/components/catalog/api-operation-selects';

/** API and operation choice; the choice lives in the URL so a link from an API page opens the operation directly. */
export function ConsolePicker({
  apis,
  apiId,
  operations,
  operationId,
}: {
  apis: PickOption[];
  apiId?: string;
  operations: PickOption[];
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
    <ApiOperationSelects
      className="mb-6"
      noApi="Choose an API…"
      noOperation="Choose an operation…"
      apis={apis}
      apiId={apiId ?? ''}
      operations={operations}
      operationId={operationId ?? ''}
      onApi={(api) => go(api)}
      onOperation={(operation) => go(apiId ?? '', operation)}
    />
  );
}
