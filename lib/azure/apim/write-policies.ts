import 'server-only';
import { withPermission } from '@/lib/azure/permission-denied';
import { apimClient, apimService } from './client';

/** Where a policy lives inside one API: the API itself, or one of its operations. */
export type ApiPolicyTarget = { kind: 'api'; apiId: string } | { kind: 'operation'; apiId: string; operationId: string };

/** APIM answered 412: someone changed the policy after its ETag was read. */
export class PolicyConflictError extends Error {
  override name = 'PolicyConflictError';
}

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;

async function guarded<T>(write: () => Promise<T>, what: string, created = false): Promise<T> {
  try {
    return await withPermission('arm.writePolicies', write);
  } catch (error) {
    if (statusOf(error) === 412)
      throw new PolicyConflictError(
        created
          ? `A ${what} policy was created in API Management after Roleport found none; it was kept.`
          : `The ${what} policy was changed in API Management after it was read.`,
      );
    throw error;
  }
}

const describe = (t: ApiPolicyTarget) => (t.kind === 'api' ? `API "${t.apiId}"` : `operation "${t.operationId}"`);

/**
 * Writes a policy (rawxml: expressions need no escaping). `ifMatch` is the ETag read before the change; without one
 * (no policy existed) the write is a create only: `If-None-Match: *` makes APIM refuse it (412) when a policy was
 * created meanwhile. The SDK has no option for that header, so it goes in as a custom header. Returns the new ETag.
 */
export async function writePolicy(target: ApiPolicyTarget, xml: string, ifMatch: string | undefined): Promise<string> {
  const { resourceGroup, serviceName } = apimService();
  const client = apimClient();
  const body = { value: xml, format: 'rawxml' as const };
  const options = ifMatch ? { ifMatch } : { requestOptions: { customHeaders: { 'If-None-Match': '*' } } };
  const result = await guarded(
    () =>
      target.kind === 'api'
        ? client.apiPolicy.createOrUpdate(resourceGroup, serviceName, target.apiId, 'policy', body, options)
        : client.apiOperationPolicy.createOrUpdate(resourceGroup, serviceName, target.apiId, target.operationId, 'policy', body, options),
    describe(target),
    !ifMatch,
  );
  return result.eTag ?? '';
}

/** Deletes a policy guarded by its ETag (APIM requires If-Match on delete). */
export async function deletePolicy(target: ApiPolicyTarget, ifMatch: string): Promise<void> {
  const { resourceGroup, serviceName } = apimService();
  const client = apimClient();
  await guarded(
    () =>
      target.kind === 'api'
        ? client.apiPolicy.delete(resourceGroup, serviceName, target.apiId, 'policy', ifMatch)
        : client.apiOperationPolicy.delete(resourceGroup, serviceName, target.apiId, target.operationId, 'policy', ifMatch),
    describe(target),
  );
}
