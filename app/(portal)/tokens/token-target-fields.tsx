import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
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
  const operations = choices.find((c) => c.id === apiId)?.operations ?? [];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="API to check against">
        {(control) => (
          <Select {...control} size="sm" value={apiId} onChange={(e) => onApi(e.target.value)}>
            <option value="">None (decode and verify only)</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.displayName}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Operation">
        {(control) => (
          <Select {...control} size="sm" value={operationId} disabled={!apiId} onChange={(e) => onOperation(e.target.value)}>
            <option value="">Any (no role check)</option>
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
