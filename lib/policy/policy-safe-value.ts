// Shared by the studio's form schema (browser and server) and the policy renderers, so no `server-only` here.

/**
 * APIM substitutes `{{name}}` with a named value and runs `@(…)` / `@{…}` as a C# expression wherever policy text holds
 * them (learn.microsoft.com/azure/api-management/api-management-howto-properties, api-management-policy-expressions).
 * An app role value comes from the directory, where anyone who can edit the app registration sets it; written into a
 * policy as is, it could read a secret named value or run code at the gateway. Roleport writes no such value.
 */
export const POLICY_UNSAFE_ROLE_MESSAGE =
  'A role value that contains {{ or }}, or starts with @, cannot be written into an APIM policy: APIM would read it as a named value or an expression.';

export function isPolicySafeRoleValue(value: string): boolean {
  const text = value.trim();
  return !text.includes('{{') && !text.includes('}}') && !text.startsWith('@');
}
