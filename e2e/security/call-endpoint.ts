import type { APIRequestContext, APIResponse } from '@playwright/test';
import { PORTAL_PORT } from '../support/ports';

/** What a caller got, reduced to what the expected-outcome table speaks about. */
export interface Outcome {
  /** allowed | signin | forbidden | notfound | unauthenticated | refused | error */
  kind: string;
  status: number;
  /** The refusal message of an action, or the redirect target. */
  detail: string;
}

/** React's reply encoding for plain values: JSON text, with strings that start with `$` escaped as `$$`. */
export function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === 'string' && value.startsWith('$') ? `$${value}` : value));
}

export async function callAction(request: APIRequestContext, pagePath: string, actionId: string, args: unknown[]): Promise<APIResponse> {
  return request.post(pagePath, {
    headers: { 'Next-Action': actionId, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8' },
    data: encodeReply(args),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

/** Calls a URL as the portal's own pages would: a browser sends its Origin with every POST from a page of the portal. */
export async function callUrl(request: APIRequestContext, method: string, url: string, body?: string): Promise<APIResponse> {
  const headers: Record<string, string> = method === 'GET' || method === 'HEAD' ? {} : { origin: `http://localhost:${PORTAL_PORT}` };
  return request.fetch(url, { method, headers, maxRedirects: 0, failOnStatusCode: false, ...(body === undefined ? {} : { data: body }) });
}

/** Reads the action's return value (`{ ok, error }`) out of the RSC stream: the row that carries it. */
export function actionResult(text: string): { ok?: boolean; error?: string; value?: unknown } | null {
  for (const line of text.split('\n')) {
    const json = line.replace(/^[0-9a-f]+:/, '');
    if (!json.startsWith('{')) continue;
    try {
      const value = JSON.parse(json) as { ok?: unknown; error?: unknown; a?: unknown };
      if (typeof value.ok === 'boolean') return value as { ok: boolean; error?: string };
    } catch {
      // Not a JSON row.
    }
  }
  return null;
}

export async function classify(response: APIResponse, kind: 'page' | 'route' | 'action'): Promise<Outcome> {
  const status = response.status();
  const headers = response.headers();
  const target = headers['x-action-redirect'] ?? headers.location ?? '';
  const text = await response.text().catch(() => '');
  if (status >= 500) return { kind: 'error', status, detail: text.slice(0, 200) };
  if (target) {
    const where = new URL(target.split(';')[0] ?? '/', 'http://portal').pathname;
    if (where === '/signin') return { kind: 'signin', status, detail: target };
    if (where === '/forbidden') return { kind: 'forbidden', status, detail: target };
    return { kind: 'redirect', status, detail: where };
  }
  if (status === 401) return { kind: 'unauthenticated', status, detail: text.slice(0, 200) };
  if (status === 403) return { kind: 'forbidden', status, detail: text.slice(0, 200) };
  if (status === 404) return { kind: 'notfound', status, detail: '' };
  if (status === 400) return { kind: 'badrequest', status, detail: text.slice(0, 200) };
  if (status >= 400) return { kind: `status-${status}`, status, detail: text.slice(0, 200) };
  if (kind === 'action') {
    const result = actionResult(text);
    if (result?.ok === false) {
      const error = result.error ?? '';
      // runAction's catch-all: an unexpected exception, i.e. a 500 in all but status code.
      if (error.startsWith('Something went wrong')) return { kind: 'error', status, detail: error };
      return { kind: 'refused', status, detail: error };
    }
  }
  return { kind: 'allowed', status, detail: '' };
}
