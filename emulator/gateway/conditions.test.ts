// Rule: only the whitelisted C# condition forms are evaluated; anything else is reported instead of guessed.
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './conditions';
import { UnsupportedPolicyError, type GatewayContext } from './gateway-context';

function context(roles: string[] | null, headers: Record<string, string> = {}): GatewayContext {
  const ctx: GatewayContext = {
    method: 'GET',
    headers: new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
    query: new URLSearchParams(),
    variables: new Map(),
    ignoredPolicies: new Set(),
    responseHeaders: new Map(),
    caPem: '',
  };
  if (roles) ctx.variables.set('jwt', { kind: 'jwt', claims: roles.length ? { roles } : {} });
  return ctx;
}

const has = (role: string) => `((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("roles", "").Split(',').Contains("${role}")`;

describe('evaluateCondition', () => {
  it('checks roles on the validated token, negated and combined', () => {
    const writer = context(['Orders.Read', 'Orders.Write']);
    expect(evaluateCondition(`@(${has('Orders.Write')})`, writer)).toBe(true);
    expect(evaluateCondition(`@(!${has('Orders.Admin')})`, writer)).toBe(true);
    expect(evaluateCondition(`@(!(${has('Orders.Admin')} || ${has('Orders.Write')}))`, writer)).toBe(false);
    expect(evaluateCondition(`@(${has('Orders.Read')} && !${has('Orders.Admin')})`, writer)).toBe(true);
    // A role is matched whole, not as a substring of another.
    expect(evaluateCondition(`@(${has('Orders.Writ')})`, writer)).toBe(false);
    expect(evaluateCondition(`@(${has('Orders.Read')})`, context([]))).toBe(false);
    expect(
      evaluateCondition(
        '@(context.Variables.GetValueOrDefault<Jwt>("jwt").Claims.GetValueOrDefault("roles", "").Split(\',\').Contains("Orders.Read"))',
        writer,
      ),
    ).toBe(true);
  });

  it('checks request headers and method', () => {
    const ctx = context(null, { 'X-Env': 'prod' });
    expect(evaluateCondition('@(context.Request.Headers.GetValueOrDefault("x-env", "") == "prod")', ctx)).toBe(true);
    expect(evaluateCondition('@(context.Request.Headers.GetValueOrDefault("X-Missing","none") != "none")', ctx)).toBe(false);
    expect(evaluateCondition('@(context.Request.Headers.ContainsKey("X-Env") && context.Request.Method == "GET")', ctx)).toBe(true);
    expect(evaluateCondition('@(context.Request.Headers.GetValueOrDefault("X-Env", "").StartsWith("pr"))', ctx)).toBe(true);
  });

  it('short-circuits like C# but still rejects unsupported forms on the skipped side', () => {
    const none = context(null);
    expect(evaluateCondition(`@(context.Variables.ContainsKey("jwt") && ${has('X')})`, none)).toBe(false);
    expect(() => evaluateCondition('@(false && DateTime.Now.Hour > 3)', none)).toThrow(UnsupportedPolicyError);
  });

  it('reports unsupported expressions and missing variables', () => {
    expect(() => evaluateCondition('@(context.User.Email.EndsWith("@contoso.com"))', context(null))).toThrow(
      /Unsupported policy expression/,
    );
    expect(() => evaluateCondition('@{ return true; }', context(null))).toThrow(UnsupportedPolicyError);
    expect(() => evaluateCondition(`@(${has('X')})`, context(null))).toThrow(/variable 'jwt' was not found/);
    expect(() => evaluateCondition('@(true', context(null))).toThrow(UnsupportedPolicyError);
  });
});
