// The `send-request` policy (learn.microsoft.com/azure/api-management/send-request-policy): mode="new",
// response-variable-name (required), timeout in seconds (default 60), ignore-error (default false: a failed
// request fails the call; true: the variable holds null), with <set-url>, <set-method>, <set-header>, <set-body>.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Element } from '@xmldom/xmldom';
import { elementChildren } from '../apim/policy-xml';
import { UnsupportedPolicyError, type GatewayContext, type ResponseVariable } from './gateway-context';

const MAX_RESPONSE = 1024 * 1024;

/** A request the policy made that failed (network error or timeout) with ignore-error="false". */
export class SendRequestError extends Error {}

function literal(element: Element | undefined, what: string): string | undefined {
  if (!element) return undefined;
  const text = (element.textContent ?? '').trim();
  if (text.startsWith('@')) throw new UnsupportedPolicyError(`send-request: policy expressions in <${what}> are not supported.`);
  return text;
}

function send(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number; caPem: string },
): Promise<ResponseVariable> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      url,
      { method: init.method, headers: init.headers, timeout: init.timeoutMs, ca: init.caPem || undefined },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE) req.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ kind: 'response', statusCode: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(init.body);
  });
}

export async function runSendRequest(element: Element, ctx: GatewayContext): Promise<void> {
  const mode = element.getAttribute('mode') ?? 'new';
  if (mode !== 'new') throw new UnsupportedPolicyError(`send-request: mode '${mode}' is not supported; use mode="new".`);
  const variable = element.getAttribute('response-variable-name');
  if (!variable) throw new UnsupportedPolicyError("send-request: 'response-variable-name' is required.");
  const timeout = Number(element.getAttribute('timeout') ?? '60');
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 240)
    throw new UnsupportedPolicyError(`send-request: timeout '${element.getAttribute('timeout')}' must be 1 to 240 seconds.`);
  const ignoreError = (element.getAttribute('ignore-error') ?? 'false').toLowerCase() === 'true';
  const children = elementChildren(element);
  const find = (name: string) => children.find((e) => e.nodeName === name);
  const rawUrl = literal(find('set-url'), 'set-url');
  if (!rawUrl) throw new UnsupportedPolicyError('send-request: <set-url> is required.');
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UnsupportedPolicyError(`send-request: '${rawUrl}' is not an absolute URL.`);
  }
  const headers: Record<string, string> = {};
  for (const header of children.filter((e) => e.nodeName === 'set-header')) {
    const values = elementChildren(header).map((v) => literal(v, 'value') ?? '');
    headers[header.getAttribute('name') ?? ''] = values.join(',');
  }
  try {
    const response = await send(url, {
      method: (literal(find('set-method'), 'set-method') || 'GET').toUpperCase(),
      headers,
      body: literal(find('set-body'), 'set-body'),
      timeoutMs: timeout * 1000,
      caPem: ctx.caPem,
    });
    ctx.variables.set(variable, response);
  } catch (error) {
    if (!ignoreError) throw new SendRequestError(`send-request to ${rawUrl} failed: ${(error as Error).message}`);
    ctx.variables.set(variable, null);
  }
}
