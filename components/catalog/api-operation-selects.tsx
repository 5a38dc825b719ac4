import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

export interface PickOption {
  id: string;
  label: string;
}

/** An API and one of its operations, chosen side by side; the operation list waits for an API. */
export function ApiOperationSelects({
  apiLabel = 'API',
  noApi,
  noOperation,
  apis,
  apiId,
  operations,
  operationId,
  onApi,
  onOperation,
  className,
}: {
  apiLabel?: string;
  /** The first entry of each list: what choosing nothing means here. */
  noApi: string;
  noOperation: string;
  apis: PickOption[];
  apiId: string;
  operations: PickOption[];
  operationId: string;
  onApi: (apiId: string) => void;
  onOperation: (operationId: string) => void;
  className?: string;
}) {
  return (
    <div className={`grid gap-4 sm:grid-cols-2 ${className ?? ''}`.trim()}>
      <Field label={apiLabel}>
        {(control) => (
          <Select {...control} size="sm" value={apiId} onChange={(e) => onApi(e.target.value)}>
            <option value="">{noApi}</option>
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
          <Select {...control} size="sm" value={operationId} disabled={!apiId} onChange={(e) => onOperation(e.target.value)}>
            <option value="">{noOperation}</option>
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
