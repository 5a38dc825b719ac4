import 'server-only';
import type { SchemaContract } from '@azure/arm-apimanagement';
import { apimClient, apimService } from './client';
import type { ApimSchema } from './types';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The JSON type definitions of one schema: a Swagger 2 schema keeps them in `document.definitions`, an OpenAPI 3 one in
 * `document.components` (the components object, whose `schemas` hold them). Schemas of other kinds (XSD, WADL, gRPC,
 * OData) carry a text `value` instead and give no JSON definitions.
 * https://learn.microsoft.com/azure/templates/microsoft.apimanagement/service/apis/schemas
 */
function reshapeSchema(s: SchemaContract): ApimSchema {
  const components = isObject(s.components) && isObject(s.components.schemas) ? s.components.schemas : s.components;
  const definitions = isObject(s.definitions) ? s.definitions : isObject(components) ? components : {};
  return { id: s.name ?? '', contentType: s.contentType ?? '', definitions };
}

/** The schemas of an API (Api Schema - List By Api), whose named types operations' representations refer to. */
export async function listApiSchemas(apiId: string): Promise<ApimSchema[]> {
  const { resourceGroup, serviceName } = apimService();
  const schemas: ApimSchema[] = [];
  for await (const s of apimClient().apiSchema.listByApi(resourceGroup, serviceName, apiId)) schemas.push(reshapeSchema(s));
  return schemas;
}
