import 'server-only';
import { effectiveInbound, SCOPE_LABEL, type EffectiveStep } from './effective-chain';
import { parseFragments } from './parse-fragments';
import { parsePolicy } from './parse-policy';
import type { PolicyDocument, PolicyElement, PolicyScope } from './policy-types';
import { readValidateAzureAdToken } from './read-validate-azure-ad-token';
import { elements, readValidateJwt, textOf } from './read-validate-jwt';

/** A token check the administrator already wrote that accepts tokens for the mapped app. */
export interface AppTokenCheck {
  form: 'validate-jwt' | 'validate-azure-ad-token';
  scope: PolicyScope;
  fragmentId?: string;
  /** The element as written: named values stay `{{…}}`, so copies of its settings keep them. */
  element: PolicyElement;
}

export interface TokenCheckContext {
  global?: string | null;
  product?: string | null;
  api: string | null;
  namedValues?: Readonly<Record<string, string>>;
  fragments?: Readonly<Record<string, string>>;
}

/** Where the check stands, for an administrator: "API scope", "API scope (fragment entra-auth)". */
export function describeTokenCheck(check: AppTokenCheck): string {
  return `${check.form} at ${SCOPE_LABEL[check.scope]} scope${check.fragmentId ? ` (policy fragment ${check.fragmentId})` : ''}`;
}

function parsed(xml: string | null | undefined): PolicyDocument | null {
  if (!xml?.trim()) return null;
  const result = parsePolicy(xml);
  return result.ok ? result.doc : null;
}

function acceptsApp(
  step: EffectiveStep,
  app: { appId: string; identifierUris: readonly string[] },
  values?: Readonly<Record<string, string>>,
) {
  const read = step.element.name === 'validate-jwt' ? readValidateJwt : readValidateAzureAdToken;
  const { validation } = read(step, values);
  const ids = new Set([app.appId, ...app.identifierUris].map((id) => id.toLowerCase()));
  // A check that names no audience accepts any token of the tenant; only an explicit match means "for this app".
  return validation.audiences.some((audience) => ids.has(audience.toLowerCase()));
}

const hasExpression = (element: PolicyElement): boolean =>
  Object.values(element.attributes).some((v) => /^@[({]/.test(v.trim())) ||
  element.children.some((c) => (c.kind === 'text' ? /^@[({]/.test(c.text.trim()) : c.kind === 'element' && hasExpression(c)));

/** Roleport repeats a check's settings in operation blocks; it copies literal settings and openid-config only. */
function copyable(element: PolicyElement): boolean {
  if (hasExpression(element)) return false;
  if (element.name === 'validate-azure-ad-token') return !elements(element, 'decryption-keys').length;
  return (
    elements(element, 'openid-config').length > 0 &&
    !elements(element, 'issuer-signing-keys').length &&
    !elements(element, 'decryption-keys').length
  );
}

/**
 * The first validate-jwt or validate-azure-ad-token outside Roleport's markers that every call of the API runs (global,
 * product, API scope, directly or through include-fragment) and that accepts tokens for the app: its audiences, once
 * named values are resolved, name the app's client id or an App ID URI. Roleport reuses it instead of adding its own.
 */
export function findAppTokenCheck(
  context: TokenCheckContext,
  app: { appId: string; identifierUris: readonly string[] },
): AppTokenCheck | null {
  const chain = { global: parsed(context.global), product: parsed(context.product), api: parsed(context.api) };
  const inbound = effectiveInbound(chain, parseFragments(context.fragments));
  for (const step of inbound.steps) {
    const { name } = step.element;
    if (step.managedByRoleport || (name !== 'validate-jwt' && name !== 'validate-azure-ad-token')) continue;
    if (!copyable(step.element)) continue;
    if (!acceptsApp(step, app, context.namedValues)) continue;
    return { form: name, scope: step.scope, ...(step.fragmentId ? { fragmentId: step.fragmentId } : {}), element: step.element };
  }
  return null;
}

/** The raw texts of `<container><item>…</item></container>` in a check, as written. */
export function rawList(element: PolicyElement, container: string, item: string): string[] {
  return elements(element, container).flatMap((c) => elements(c, item).map(textOf));
}
