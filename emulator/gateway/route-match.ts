import type { ApimState, ApiRecord, OperationRecord } from '../apim/types';
import { addressedApis, type VersionSelectors } from './version-select';

export interface RouteMatch {
  api: ApiRecord;
  operation: OperationRecord;
  /** The path below the API suffix, as the backend receives it. */
  backendPath: string;
  templateValues: Record<string, string>;
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Matches an operation's urlTemplate (its query part ignored); more literal segments win ties. */
function matchTemplate(template: string, requestSegments: string[]): { score: number; values: Record<string, string> } | null {
  const parts = segments(template.split('?')[0] ?? '');
  const values: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const wildcard = /^\{\*([^}]+)\}$/.exec(part);
    if (wildcard) {
      values[wildcard[1] as string] = requestSegments.slice(i).join('/');
      return { score, values };
    }
    const actual = requestSegments[i];
    if (actual === undefined) return null;
    const param = /^\{([^}]+)\}$/.exec(part);
    if (param) values[param[1] as string] = decodeSafe(actual);
    else if (part.toLowerCase() === actual.toLowerCase()) score += 2;
    else return null;
  }
  return parts.length === requestSegments.length ? { score, values } : null;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const NO_SELECTORS: VersionSelectors = { query: new URLSearchParams(), headers: new Map() };

/** APIs (and versions) addressed by the request path, longest path first. */
export function candidateApis(state: ApimState, pathname: string, selectors = NO_SELECTORS): { api: ApiRecord; prefix: string[] }[] {
  return addressedApis(state, segments(pathname), selectors);
}

/** Finds the API by the longest matching path suffix (and version), then the operation by method and template. */
export function matchRoute(state: ApimState, method: string, pathname: string, selectors = NO_SELECTORS): RouteMatch | null {
  const requestSegments = segments(pathname);
  for (const { api, prefix } of candidateApis(state, pathname, selectors)) {
    const rest = requestSegments.slice(prefix.length);
    let best: { operation: OperationRecord; score: number; values: Record<string, string> } | null = null;
    for (const operation of state.operations.get(api.id)?.values() ?? []) {
      if (operation.method.toUpperCase() !== method) continue;
      const match = matchTemplate(operation.urlTemplate, rest);
      if (match && (!best || match.score > best.score)) best = { operation, ...match };
    }
    if (best) return { api, operation: best.operation, backendPath: '/' + rest.join('/'), templateValues: best.values };
  }
  return null;
}
