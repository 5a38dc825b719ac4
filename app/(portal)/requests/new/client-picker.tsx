import { Field } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Select } from '@/components/ui/select';
import type { WorkloadClient } from '@/lib/directory/workload-clients';

/** Which application (or managed identity) the role is for; a managed identity's extra approval stage is said up front. */
export function ClientPicker({
  clients,
  value,
  onChange,
  error,
  chosen,
}: {
  clients: WorkloadClient[];
  value: string;
  onChange: (servicePrincipalId: string) => void;
  error?: string;
  chosen?: WorkloadClient;
}) {
  const apps = clients.filter((c) => c.kind === 'application' && !c.refusal);
  // Owned in Entra but registered in another tenant: listed so the developer finds their app and reads why it is refused.
  const foreign = clients.filter((c) => c.kind === 'application' && c.refusal);
  const identities = clients.filter((c) => c.kind === 'managed-identity');
  return (
    <div className="space-y-2">
      <Field label="Application" error={error} hint="The role is assigned to its service principal." className="max-w-md">
        {(control) => (
          <Select {...control} name="clientSpId" value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="" disabled>
              Choose an application…
            </option>
            {apps.length > 0 ? (
              <optgroup label="Applications you own">
                {apps.map((c) => (
                  <option key={c.servicePrincipalId} value={c.servicePrincipalId}>
                    {c.displayName} ({c.appId})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {foreign.length > 0 ? (
              <optgroup label="Registered in another tenant (roles cannot be requested for these)">
                {foreign.map((c) => (
                  <option key={c.servicePrincipalId} value={c.servicePrincipalId}>
                    {c.displayName} ({c.appId})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {identities.length > 0 ? (
              <optgroup label="Managed identities (no owners: a portal admin approves too)">
                {identities.map((c) => (
                  <option key={c.servicePrincipalId} value={c.servicePrincipalId}>
                    {c.displayName} ({c.appId})
                  </option>
                ))}
              </optgroup>
            ) : null}
          </Select>
        )}
      </Field>
      {chosen?.refusal ? (
        <div data-testid="client-refusal">
          <Notice tone="warn" title="Roles cannot be requested for this application">
            {chosen.refusal}
          </Notice>
        </div>
      ) : null}
      {chosen?.kind === 'managed-identity' ? (
        <Notice tone="info" title="A managed identity has no owners">
          Entra records no owner for {chosen.displayName}, so Roleport cannot check that it is yours: a portal admin approves an extra first
          stage before the API’s approvers decide.
        </Notice>
      ) : null}
    </div>
  );
}
