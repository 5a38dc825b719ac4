import 'server-only';
import type { ApiContract, ApiVersionSetContract, OperationContract, ParameterContract, ProductContract } from '@azure/arm-apimanagement';
import type { ApimApi, ApimOperation, ApimParameter, ApimProduct, ApimVersionSet } from './types';

export function reshapeProduct(p: ProductContract): ApimProduct {
  return {
    id: p.name ?? '',
    displayName: p.displayName ?? p.name ?? '',
    description: p.description ?? '',
    subscriptionRequired: p.subscriptionRequired ?? true,
    approvalRequired: p.approvalRequired ?? false,
    state: p.state === 'published' ? 'published' : 'notPublished',
    terms: p.terms ?? '',
    subscriptionsLimit: typeof p.subscriptionsLimit === 'number' ? p.subscriptionsLimit : null,
  };
}

export function reshapeApi(a: ApiContract): ApimApi {
  return {
    id: a.name ?? '',
    displayName: a.displayName ?? a.name ?? '',
    description: a.description ?? '',
    path: a.path ?? '',
    serviceUrl: a.serviceUrl ?? '',
    subscriptionRequired: a.subscriptionRequired ?? true,
    subscriptionKeyHeader: a.subscriptionKeyParameterNames?.header ?? 'Ocp-Apim-Subscription-Key',
    subscriptionKeyQuery: a.subscriptionKeyParameterNames?.query ?? 'subscription-key',
    isCurrent: a.isCurrent ?? true,
    apiVersion: a.apiVersion ?? '',
    // APIM answers the set's full ARM id (examples/ApiManagementListApis.json); the set is read by its name.
    versionSetId: a.apiVersionSetId?.split('/').filter(Boolean).pop() ?? null,
  };
}

const SCHEMES = ['Segment', 'Query', 'Header'] as const;

/** Null for a set whose scheme Roleport does not know (it cannot tell callers how to choose the version). */
export function reshapeVersionSet(v: ApiVersionSetContract): ApimVersionSet | null {
  const scheme = SCHEMES.find((s) => s.toLowerCase() === (v.versioningScheme ?? '').toLowerCase());
  if (!scheme || !v.name) return null;
  return {
    id: v.name,
    displayName: v.displayName ?? v.name,
    scheme,
    queryName: v.versionQueryName ?? null,
    headerName: v.versionHeaderName ?? null,
  };
}

function reshapeParameter(p: ParameterContract, where: ApimParameter['in']): ApimParameter {
  return {
    name: p.name,
    in: where,
    type: p.type,
    required: p.required ?? where === 'template',
    description: p.description ?? '',
    defaultValue: p.defaultValue,
    values: p.values ?? [],
  };
}

export function reshapeOperation(o: OperationContract): ApimOperation {
  return {
    id: o.name ?? '',
    displayName: o.displayName ?? o.name ?? '',
    method: (o.method ?? 'GET').toUpperCase(),
    urlTemplate: o.urlTemplate ?? '/',
    description: o.description ?? '',
    parameters: [
      ...(o.templateParameters ?? []).map((p) => reshapeParameter(p, 'template')),
      ...(o.request?.queryParameters ?? []).map((p) => reshapeParameter(p, 'query')),
      ...(o.request?.headers ?? []).map((p) => reshapeParameter(p, 'header')),
    ],
    representations: (o.request?.representations ?? []).map((r) => ({
      contentType: r.contentType,
      example: exampleText(r.examples),
      ...(r.schemaId && r.typeName ? { schemaId: r.schemaId, typeName: r.typeName } : {}),
    })),
  };
}

function exampleText(examples: Record<string, { value?: unknown }> | undefined): string | undefined {
  const first = examples ? Object.values(examples)[0] : undefined;
  if (first?.value === undefined) return undefined;
  return typeof first.value === 'string' ? first.value : JSON.stringify(first.value, null, 2);
}
