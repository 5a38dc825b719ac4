// Rule: the API page's snippets ask for an app-only token for exactly the API's scope (resource for managed identities).
import { describe, expect, it } from 'vitest';
import { appScopeOf, appTokenSnippets } from './app-token-snippets';

const orders = { appId: 'c4a8e2d0-0001-4f5e-9b3a-a00000000001', identifierUris: ['api://contoso-orders'] };
const tenant = '6b1f3c2e-8a4d-4e7b-9c21-5d0e7a9f1b34';

describe('appTokenSnippets', () => {
  it('uses the App ID URI with /.default, else the client id', () => {
    expect(appScopeOf(orders)).toBe('api://contoso-orders/.default');
    expect(appScopeOf({ ...orders, identifierUris: [] })).toBe(`${orders.appId}/.default`);
  });

  it('gives every snippet the scope, and the managed identity endpoints the resource without /.default', () => {
    const snippets = appTokenSnippets(orders, tenant);
    expect(snippets.map((s) => s.id)).toEqual(['azure-cli', 'node', 'python', 'dotnet', 'managed-identity']);
    for (const s of snippets.filter((s) => s.id !== 'managed-identity')) expect(s.code).toContain('api://contoso-orders/.default');
    const mi = snippets.find((s) => s.id === 'managed-identity')!.code;
    expect(mi).toContain('resource=api%3A%2F%2Fcontoso-orders&');
    expect(mi).not.toContain('.default');
    expect(snippets.find((s) => s.id === 'azure-cli')!.code).toContain(`--tenant ${tenant}`);
  });
});
