import type { Element } from '@xmldom/xmldom';
import { elementChildren } from '../apim/policy-xml';
import { evaluateCondition } from './conditions';
import { runCors } from './cors';
import { apimError, headerValue, UnsupportedPolicyError, type GatewayContext, type GatewayResponse } from './gateway-context';
import type { OpenIdKeyCache } from './openid-keys';
import type { Section, Step } from './policy-chain';
import { runSendRequest } from './send-request';
import { validateAzureAdToken } from './validate-azure-ad-token';
import { validateJwt } from './validate-jwt';
import { evaluateValue } from './value-expressions';

/** Accepted but not enforced; each use is reported in the `x-emulator-ignored-policies` response header. */
const IGNORED = new Set(['rate-limit', 'rate-limit-by-key']);

function isExpression(text: string | null): boolean {
  return !!text && text.trim().startsWith('@');
}

function literalValues(element: Element, where: string): string[] {
  return elementChildren(element)
    .filter((e) => e.nodeName === 'value')
    .map((e) => {
      const text = e.textContent ?? '';
      if (isExpression(text)) throw new UnsupportedPolicyError(`${where}: policy expressions in <value> are not supported.`);
      return text;
    });
}

/** `<value>`s of set-header; undefined when one is an expression the emulator cannot evaluate (passed through). */
function headerValues(element: Element, ctx: GatewayContext): string[] | undefined {
  const values: string[] = [];
  for (const e of elementChildren(element).filter((v) => v.nodeName === 'value')) {
    const text = e.textContent ?? '';
    if (!isExpression(text)) {
      values.push(text);
      continue;
    }
    const value = evaluateValue(text, ctx);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * set-header semantics on a header map (names case-insensitive; learn.microsoft.com/azure/api-management/set-header-policy).
 * A value the emulator cannot evaluate skips the statement and reports it, rather than failing the call.
 */
function applySetHeader(element: Element, headers: Map<string, string[]>, where: string, ctx: GatewayContext): void {
  const name = (element.getAttribute('name') ?? '').toLowerCase();
  if (!name) throw new UnsupportedPolicyError(`${where}: set-header needs a 'name'.`);
  const action = element.getAttribute('exists-action') ?? 'override';
  const values = action === 'delete' ? [] : headerValues(element, ctx);
  if (values === undefined) {
    ctx.ignoredPolicies.add('set-header');
    return;
  }
  if (action === 'delete') headers.delete(name);
  else if (action === 'skip') {
    if (!headers.has(name)) headers.set(name, values);
  } else if (action === 'append') headers.set(name, [...(headers.get(name) ?? []), ...values]);
  else if (action === 'override') headers.set(name, values);
  else throw new UnsupportedPolicyError(`${where}: set-header exists-action '${action}' is not supported.`);
}

function returnResponse(element: Element, where: string, ctx: GatewayContext): GatewayResponse {
  if (element.getAttribute('response-variable-name'))
    throw new UnsupportedPolicyError(`${where}: return-response 'response-variable-name' is not supported.`);
  const response: GatewayResponse = { status: 200, headers: {}, body: '' };
  const headers = new Map<string, string[]>();
  for (const part of elementChildren(element)) {
    if (part.nodeName === 'set-status') {
      const code = Number(part.getAttribute('code'));
      if (!Number.isInteger(code) || code < 100 || code > 599)
        throw new UnsupportedPolicyError(`${where}: set-status code '${part.getAttribute('code')}' is not a literal status code.`);
      response.status = code;
    } else if (part.nodeName === 'set-header') applySetHeader(part, headers, where, ctx);
    else if (part.nodeName === 'set-body') {
      const body = part.textContent ?? '';
      if (isExpression(body)) throw new UnsupportedPolicyError(`${where}: set-body with a policy expression is not supported.`);
      response.body = body;
    } else throw new UnsupportedPolicyError(`${where}: '${part.nodeName}' inside return-response is not supported.`);
  }
  for (const [name, values] of headers) response.headers[name] = values.join(',');
  return response;
}

function checkHeader(element: Element, ctx: GatewayContext): GatewayResponse | undefined {
  const name = element.getAttribute('name') ?? '';
  const status = Number(element.getAttribute('failed-check-httpcode') ?? '401');
  const message = element.getAttribute('failed-check-error-message') ?? `Header ${name} was not found or its value is not allowed.`;
  const ignoreCase = (element.getAttribute('ignore-case') ?? 'false').toLowerCase() === 'true';
  const allowed = literalValues(element, 'check-header');
  const actual = headerValue(ctx, name);
  if (actual === undefined) return apimError(status, message);
  if (allowed.length === 0) return undefined;
  const norm = (v: string) => (ignoreCase ? v.toLowerCase() : v);
  return allowed.map(norm).includes(norm(actual)) ? undefined : apimError(status, message);
}

function evaluateBoolean(expression: string, ctx: GatewayContext): boolean | undefined {
  try {
    return evaluateCondition(expression, ctx);
  } catch (error) {
    if (error instanceof UnsupportedPolicyError) return undefined;
    throw error;
  }
}

/** Executes statements in order; the first one that answers ends the section (and the inbound pipeline). */
export async function runSteps(
  steps: Step[],
  section: Section,
  ctx: GatewayContext,
  keys: OpenIdKeyCache,
  outboundHeaders?: Map<string, string[]>,
): Promise<GatewayResponse | undefined> {
  for (const { element, scope } of steps) {
    const name = element.nodeName;
    const where = `${name} (${section}, ${scope} scope)`;
    if (IGNORED.has(name) && section === 'inbound') {
      ctx.ignoredPolicies.add(name);
      continue;
    }
    if (section === 'backend') {
      if (name !== 'forward-request') throw new UnsupportedPolicyError(`Unsupported policy element '${name}' in backend (${scope} scope).`);
      continue;
    }
    if (section === 'outbound') {
      if (name !== 'set-header' || !outboundHeaders)
        throw new UnsupportedPolicyError(`Unsupported policy element '${name}' in outbound (${scope} scope).`);
      applySetHeader(element, outboundHeaders, where, ctx);
      continue;
    }
    const answer = await runInbound(element, ctx, keys, where, scope);
    if (answer) return answer;
  }
  return undefined;
}

async function runInbound(
  element: Element,
  ctx: GatewayContext,
  keys: OpenIdKeyCache,
  where: string,
  scope: string,
): Promise<GatewayResponse | undefined> {
  switch (element.nodeName) {
    case 'validate-jwt':
      return validateJwt(element, ctx, keys);
    case 'validate-azure-ad-token':
      return validateAzureAdToken(element, ctx, keys);
    case 'check-header':
      return checkHeader(element, ctx);
    case 'set-header':
      applySetHeader(element, ctx.headers, where, ctx);
      return undefined;
    case 'cors':
      return runCors(element, ctx);
    case 'send-request':
      await runSendRequest(element, ctx);
      return undefined;
    case 'return-response':
      return returnResponse(element, where, ctx);
    case 'set-variable': {
      const name = element.getAttribute('name');
      const value = element.getAttribute('value') ?? '';
      if (!name) throw new UnsupportedPolicyError(`${where}: set-variable needs a 'name'.`);
      if (!isExpression(value)) ctx.variables.set(name, value);
      else {
        // A value outside the evaluable set leaves the variable unset (a later reference to it fails the call).
        const computed = evaluateValue(value, ctx) ?? evaluateBoolean(value, ctx);
        if (computed === undefined) ctx.ignoredPolicies.add('set-variable');
        else ctx.variables.set(name, computed);
      }
      return undefined;
    }
    case 'choose': {
      for (const branch of elementChildren(element)) {
        if (branch.nodeName === 'when') {
          if (!evaluateCondition(branch.getAttribute('condition') ?? '', ctx)) continue;
        } else if (branch.nodeName !== 'otherwise')
          throw new UnsupportedPolicyError(`${where}: '${branch.nodeName}' is not allowed inside choose.`);
        return runSteps(
          elementChildren(branch).map((e) => ({ element: e, scope })),
          'inbound',
          ctx,
          keys,
        );
      }
      return undefined;
    }
    default:
      throw new UnsupportedPolicyError(`Unsupported policy element '${element.nodeName}' in inbound (${scope} scope).`);
  }
}
