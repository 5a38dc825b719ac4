import type { OperationRecord, ParameterContract } from './types';

/** A compact way to describe a demo operation; `build` fills in APIM's full contract. */
export interface OperationSpec {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  urlTemplate: string;
  displayName: string;
  description: string;
  tag: string;
  /** Template parameter descriptions, by name; every `{name}` in the template needs one. */
  params?: Record<string, string>;
  query?: { name: string; description: string; type?: string; values?: string[]; required?: boolean; defaultValue?: string }[];
  requestExample?: unknown;
  responseExample?: unknown;
  /** Status of the success response; 200 unless given. */
  status?: number;
}

function parameter(
  name: string,
  description: string,
  required: boolean,
  type = 'string',
  values: string[] = [],
  defaultValue?: string,
): ParameterContract {
  const p: ParameterContract = { name, description, type, required, values };
  if (defaultValue !== undefined) p.defaultValue = defaultValue;
  return p;
}

const ERRORS: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'The caller has no valid access token.',
  403: 'The caller lacks the app role this operation requires.',
  404: 'The resource does not exist.',
};

export function buildOperation(apiId: string, spec: OperationSpec): OperationRecord {
  const templateNames = [...spec.urlTemplate.split('?')[0]!.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const status = spec.status ?? 200;
  const errorCodes = [
    401,
    403,
    ...(spec.method === 'GET' && templateNames.length === 0 ? [] : [404]),
    ...(spec.requestExample ? [400] : []),
  ];
  return {
    id: spec.id,
    apiId,
    displayName: spec.displayName,
    method: spec.method,
    urlTemplate: spec.urlTemplate,
    description: spec.description,
    templateParameters: templateNames.map((name) => parameter(name, spec.params?.[name] ?? `The ${name}.`, true)),
    request: {
      description: spec.requestExample ? `${spec.displayName} request body.` : 'No request body.',
      queryParameters: (spec.query ?? []).map((q) =>
        parameter(q.name, q.description, q.required ?? false, q.type, q.values, q.defaultValue),
      ),
      headers: [],
      representations: spec.requestExample
        ? [{ contentType: 'application/json', examples: { default: { value: spec.requestExample } } }]
        : [],
    },
    responses: [
      {
        statusCode: status,
        description: status === 204 ? 'No content.' : 'Success.',
        representations:
          spec.responseExample === undefined
            ? []
            : [{ contentType: 'application/json', examples: { default: { value: spec.responseExample } } }],
        headers: [],
      },
      ...errorCodes.map((code) => ({ statusCode: code, description: ERRORS[code] as string, representations: [], headers: [] })),
    ],
    tags: [spec.tag],
  };
}
