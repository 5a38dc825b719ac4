import 'server-only';
import { apimClient, apimService } from './client';

/** A policy as APIM returns it in `rawxml` format (expressions unescaped), with the ETag that guards a later write. */
export interface VersionedPolicy {
  xml: string;
  etag: string;
}

const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

/**
 * The API-scope policy and its ETag. `apiPolicy.get` drops the XML (it is generated as an XML operation), so the text
 * comes from the list and the ETag from a HEAD; a change between the two surfaces later as a 412 on write.
 */
export async function readApiPolicyVersion(apiId: string): Promise<VersionedPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  const client = apimClient();
  let etag: string | undefined;
  try {
    etag = (await client.apiPolicy.getEntityTag(resourceGroup, serviceName, apiId, 'policy')).eTag;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const list = await client.apiPolicy.listByApi(resourceGroup, serviceName, apiId, { format: 'rawxml' } as never);
  const policy = list.value?.find((p) => p.name === 'policy') ?? list.value?.[0];
  if (!policy?.value) return null;
  return { xml: policy.value, etag: etag ?? '' };
}

export async function readOperationPolicyVersion(apiId: string, operationId: string): Promise<VersionedPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  try {
    const policy = await apimClient().apiOperationPolicy.get(resourceGroup, serviceName, apiId, operationId, 'policy', {
      format: 'rawxml',
    });
    return policy.value ? { xml: policy.value, etag: policy.eTag ?? '' } : null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
