import 'server-only';
import { UserFacingError } from '@/lib/errors/user-facing-error';

export interface OperationUrlInput {
  /** The API's gateway base URL from the index, e.g. https://contoso.azure-api.net/orders. */
  baseUrl: string;
  /** APIM's URL template, e.g. `/orders/{id}/lines` or `/search?q={q}`. */
  urlTemplate: string;
  templateValues: Readonly<Record<string, string>>;
  /** Query parameters, appended in order; empty values are left out. */
  query?: readonly (readonly [string, string])[];
}

const PLACEHOLDER = /\{\*?([^{}]+)\}/g;
// Controls would split a header or a request line; nothing a template value needs.
const CONTROL = /[\u0000-\u001f\u007f]/;

function refuse(message: string): never {
  throw new UserFacingError(message, 'console_bad_parameter', 400);
}

/** One template value as a single path segment: every reserved character encoded, dot segments refused. */
export function encodeTemplateValue(name: string, value: string): string {
  if (value === '') refuse(`The template parameter "${name}" is required.`);
  if (CONTROL.test(value)) refuse(`The template parameter "${name}" contains control characters.`);
  if (value === '.' || value === '..')
    refuse(`The template parameter "${name}" cannot be "${value}": it would leave the operation's path.`);
  return encodeURIComponent(value);
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => encodeTemplateValue(name, values[name] ?? ''));
}

/** The gateway URL of an operation: base URL + template with encoded values + query; the result never leaves the base path. */
export function buildOperationUrl(input: OperationUrlInput): URL {
  let base: URL;
  try {
    base = new URL(input.baseUrl);
  } catch {
    refuse(`The API's gateway URL "${input.baseUrl}" is not a URL.`);
  }
  const [pathTemplate = '', queryTemplate = ''] = input.urlTemplate.split('?', 2);
  const basePath = base.pathname.replace(/\/+$/, '');
  const path = fill(pathTemplate.startsWith('/') ? pathTemplate : `/${pathTemplate}`, input.templateValues);
  const url = new URL(`${base.origin}${basePath}${path}`);
  if (url.origin !== base.origin || !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) {
    refuse("The parameters would take the request outside the API's path.");
  }
  if (queryTemplate) {
    for (const pair of queryTemplate.split('&').filter(Boolean)) {
      const [key = '', value = ''] = pair.split('=', 2);
      url.searchParams.append(
        decodeURIComponent(key),
        value.replace(PLACEHOLDER, (_m, name: string) => input.templateValues[name] ?? ''),
      );
    }
  }
  for (const [key, value] of input.query ?? []) {
    if (CONTROL.test(key) || CONTROL.test(value)) refuse(`The query parameter "${key}" contains control characters.`);
    if (value !== '') url.searchParams.append(key, value);
  }
  return url;
}
