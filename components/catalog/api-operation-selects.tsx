import { SelectField } from '@/components/ui/select-field';

export interface PickOption {
  id: string;
  label: string;
}

const asOptions = (picks: PickOption[]) => picks.map((pick) => ({ value: pick.id, label: pick.label }));

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
      <SelectField
        label={apiLabel}
        labelSize="sm"
        size="sm"
        value={apiId}
        onChange={(e) => onApi(e.target.value)}
        emptyOption={noApi}
        options={asOptions(apis)}
      />
      <SelectField
        label="Operation"
        labelSize="sm"
        size="sm"
        value={operationId}
        disabled={!apiId}
        onChange={(e) => onOperation(e.target.value)}
        emptyOption={noOperation}
        options={asOptions(operations)}
      />
    </div>
  );
}
