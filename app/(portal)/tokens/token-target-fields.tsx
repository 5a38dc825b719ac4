import { ApiOperationSelects } from '@/components/catalog/api-operation-selects';
import type { DoctorChoice } from '@/lib/doctor/token-doctor';

/** What to check the token against: an API (its validate-jwt) and optionally one operation (its role check). */
export function TokenTargetFields({
  choices,
  apiId,
  operationId,
  onApi,
  onOperation,
}: {
  choices: DoctorChoice[];
  apiId: string;
  operationId: string;
  onApi: (value: string) => void;
  onOperation: (value: string) => void;
}) {
  return (
    <ApiOperationSelects
      apiLabel="API to check against"
      noApi="None (decode and verify only)"
      noOperation="Any (no role check)"
      apis={choices.map((c) => ({ id: c.id, label: c.displayName }))}
      apiId={apiId}
      operations={choices.find((c) => c.id === apiId)?.operations ?? []}
      operationId={operationId}
      onApi={onApi}
      onOperation={onOperation}
    />
  );
}
