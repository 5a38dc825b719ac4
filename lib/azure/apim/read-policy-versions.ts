import 'server-only';
import type { FullOperationResponse } from '@azure/core-client';
import { apimClient, apimService } from './client';

/** A policy as APIM returns it in `rawxml` format (expressions unescaped), with the ETag that guards a later write. */
export interface VersionedPolicy {
  xml: string;
  etag: string;
}

const isNotFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;

/**
 * Text and ETag from one raw response. A scope Roleport rewrites must be read as `rawxml`: text read as `xml` has its
 * expressions escaped (`&quot;`), and writing that back as `rawxml` escapes them twice. Both come from the same
 * response, so the ETag guards exactly the text that was read.
 */
function fromResponse(response: FullOperationResponse | undefined): VersionedPolicy | null {
  if (!response?.bodyAsText) return null;
  const body = JSON.parse(response.bodyAsText) as { properties?: { value?: unknown } };
  const xml = body.properties?.value;
  if (typeof xml !== 'string' || !xml) return null;
  return { xml, etag: response.headers.get('etag') ?? '' };
}

async function readRaw(get: (onResponse: (r: FullOperationResponse) => void) => Promise<unknown>): Promise<VersionedPolicy | null> {
  let response: FullOperationResponse | undefined;
  try {
    await get((r) => {
      response = r;
    });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  return fromResponse(response);
}

/**
 * The API-scope policy and its ETag. `apiPolicy.get` is generated as an XML operation and drops the JSON body's
 * `value` (Azure/azure-sdk-for-js#31566), and `apiPolicy.listByApi` takes no `format`, so the raw body of the GET is
 * read instead.
 */
export async function readApiPolicyVersion(apiId: string): Promise<VersionedPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  return readRaw((onResponse) => apimClient().apiPolicy.get(resourceGroup, serviceName, apiId, 'policy', { format: 'rawxml', onResponse }));
}

export async function readOperationPolicyVersion(apiId: string, operationId: string): Promise<VersionedPolicy | null> {
  const { resourceGroup, serviceName } = apimService();
  return readRaw((onResponse) =>
    apimClient().apiOperationPolicy.get(resourceGroup, serviceName, apiId, operationId, 'policy', { format: 'rawxml', onResponse }),
  );
}
