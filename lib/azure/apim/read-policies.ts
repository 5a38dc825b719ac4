import 'server-only';
import { apimClient, apimService } from './client';
import type { ApimPolicy } from './types';

/** A scope without a policy answers 404; that is "no policy", not a failure. */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

function toPolicy(result: { value?: string; eTag?: string } | null): ApimPolicy | null {
  return result?.value ? { xml: result.value, etag: result.eTag } : null;
}

export async function readGlobalPolicy(): Promise<ApimPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  return toPolicy(await orNull(() => apimClient().policy.get(resourceGroup, serviceName, 'policy', { format: 'xml' })));
}

export async function readProductPolicy(productId: string): Promise<ApimPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  return toPolicy(await orNull(() => apimClient().productPolicy.get(resourceGroup, serviceName, productId, 'policy', { format: 'xml' })));
}

/**
 * apiPolicy.get drops the XML (it is generated as an XML operation), so the API policy is read through its list, which
 * takes no `format` and answers `xml`: fine for reading, never written back (the studio reads rawxml for that).
 */
export async function readApiPolicy(apiId: string): Promise<ApimPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  const list = await orNull(() => apimClient().apiPolicy.listByApi(resourceGroup, serviceName, apiId));
  const policy = list?.value?.find((p) => p.name === 'policy') ?? list?.value?.[0];
  return policy?.value ? { xml: policy.value } : null;
}

export async function readOperationPolicy(apiId: string, operationId: string): Promise<ApimPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  return toPolicy(
    await orNull(() => apimClient().apiOperationPolicy.get(resourceGroup, serviceName, apiId, operationId, 'policy', { format: 'xml' })),
  );
}
