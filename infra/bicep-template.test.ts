// Rule: the Azure template sets every variable Azure mode requires on the container, signs users in without a client secret, every secret comes from Key Vault through the identity, and no secret is a plain parameter or default.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeStagePlan } from '../scripts/standalone/dockerfile-plan';
import { azureRequiredVariables } from '../lib/env';

const root = path.resolve(__dirname, '..');
const infra = path.join(root, 'infra');
const bicepFiles = readdirSync(infra, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => ({ file: f, text: readFileSync(path.join(infra, f), 'utf8') }));
const portal = readFileSync(path.join(infra, 'modules/portal.bicep'), 'utf8');

/** The text of the bracketed list that follows `key: [`, brackets balanced. */
function listAfter(text: string, key: string): string {
  const start = text.indexOf(`${key}: [`);
  expect(start, `${key}: [ … ] in the template`).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = text.indexOf('[', start); i < text.length; i++) {
    if (text[i] === '[') depth++;
    if (text[i] === ']' && --depth === 0) return text.slice(text.indexOf('[', start) + 1, i);
  }
  throw new Error(`unbalanced ${key}`);
}

/** The top-level `{ … }` objects of a list. */
function objectsOf(list: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let from = -1;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '{' && depth++ === 0) from = i;
    if (list[i] === '}' && --depth === 0) found.push(list.slice(from, i + 1));
  }
  return found;
}

const field = (object: string, name: string) => new RegExp(`\\b${name}:\\s*'([^']*)'`).exec(object)?.[1];

const containerEnv = objectsOf(listAfter(portal, 'env')).map((o) => ({
  name: field(o, 'name'),
  secretRef: field(o, 'secretRef'),
  plain: /\bvalue:/.test(o),
}));
const appSecrets = objectsOf(listAfter(portal, 'secrets')).map((o) => ({
  name: field(o, 'name'),
  keyVault: /\bkeyVaultUrl:/.test(o),
  plain: /\bvalue:/.test(o),
  identity: /\bidentity:/.test(o),
}));

interface Param {
  file: string;
  name: string;
  secure: boolean;
  hasDefault: boolean;
}

function paramsOf(file: string, text: string): Param[] {
  const lines = text.split('\n');
  const params: Param[] = [];
  lines.forEach((line, index) => {
    const match = /^param\s+(\w+)\s+\w+(\s*=.*)?$/.exec(line.trim());
    if (!match?.[1]) return;
    let secure = false;
    for (let i = index - 1; i >= 0 && (lines[i] ?? '').trim().startsWith('@'); i--)
      if ((lines[i] ?? '').includes('@secure()')) secure = true;
    params.push({ file, name: match[1], secure, hasDefault: Boolean(match[2]) });
  });
  return params;
}

const params = bicepFiles.flatMap(({ file, text }) => paramsOf(file, text));
const SECRET_NAME = /secret|password|hmac|(^|[a-z])Key$/i;
const SECRET_VARIABLE = /SECRET|PASSWORD|HMAC_KEY/;

describe('the container app template', () => {
  it('sets every variable lib/env.ts requires in Azure mode', () => {
    const required = azureRequiredVariables();
    // The schema's own list, so a variable added to Azure mode without the template fails here.
    expect(required).toEqual(
      expect.arrayContaining(['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'PUBLIC_URL', 'NEXTAUTH_SECRET', 'AUDIT_HMAC_KEY']),
    );
    const set = containerEnv.map((e) => e.name);
    expect(required.filter((name) => !set.includes(name))).toEqual([]);
  });

  it('runs on PostgreSQL with Entra authentication, the managed identity and Azure Monitor', () => {
    const value = (name: string) =>
      /value:\s*(.+?)\s*\}?$/m.exec(objectsOf(listAfter(portal, 'env')).find((o) => field(o, 'name') === name) ?? '')?.[1];
    expect(value('DATABASE_URL')).toMatch(/^'postgres:\/\/\$\{identity\.name\}@/);
    expect(value('DATABASE_URL')).not.toMatch(/:[^@/]*\$\{[^}]*\}@|password/i);
    expect(value('DATABASE_AUTH')).toBe("'entra'");
    expect(value('AZURE_APP_CREDENTIAL')).toBe("'managed-identity'");
    expect(value('AZURE_MANAGED_IDENTITY_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(value('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('insights.properties.ConnectionString');
    expect(portal).toMatch(/activeDirectoryAuth: 'Enabled', passwordAuth: 'Disabled'/);
  });

  it('signs users in without a client secret: the managed identity is the federated credential', () => {
    // lib/env.ts accepts Azure mode without AZURE_CLIENT_SECRET only with AZURE_APP_CREDENTIAL=managed-identity.
    expect(containerEnv.find((e) => e.name === 'AZURE_APP_CREDENTIAL')?.plain).toBe(true);
    expect(containerEnv.map((e) => e.name)).not.toContain('AZURE_CLIENT_SECRET');
    expect(params.filter((p) => /clientSecret/i.test(p.name))).toEqual([]);
    expect(bicepFiles.filter((f) => /client-secret|clientSecret/i.test(f.text)).map((f) => f.file)).toEqual([]);
    const parameters = readFileSync(path.join(infra, 'main.parameters.json'), 'utf8');
    expect(parameters).not.toMatch(/CLIENT_SECRET/);
  });

  it('takes every secret variable from a Key Vault reference resolved with the identity', () => {
    const secretVars = containerEnv.filter((e) => SECRET_VARIABLE.test(e.name ?? ''));
    expect(secretVars.map((e) => e.name).sort()).toEqual(['AUDIT_HMAC_KEY', 'NEXTAUTH_SECRET']);
    for (const variable of secretVars) {
      expect(variable.plain, `${variable.name} has a plain value`).toBe(false);
      const secret = appSecrets.find((s) => s.name === variable.secretRef);
      expect(secret, `${variable.name}'s secretRef ${variable.secretRef}`).toMatchObject({ keyVault: true, plain: false, identity: true });
    }
    expect(appSecrets.every((s) => s.keyVault && !s.plain)).toBe(true);
  });

  it('declares every secret parameter @secure() and gives none a default', () => {
    const secretParams = params.filter((p) => SECRET_NAME.test(p.name) && !/Id$|Name$|Url$/.test(p.name));
    expect(secretParams.map((p) => p.name)).toEqual(expect.arrayContaining(['nextAuthSecret', 'auditHmacKey']));
    for (const p of secretParams) expect(p.secure, `${p.file}: param ${p.name} is not @secure()`).toBe(true);
    for (const p of params.filter((q) => q.secure)) expect(p.hasDefault, `${p.file}: @secure() param ${p.name} has a default`).toBe(false);
    // azd fills them from its environment, never from a literal in the parameters file.
    const file = JSON.parse(readFileSync(path.join(infra, 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, { value: unknown }>;
    };
    for (const p of params.filter((q) => q.secure && q.file === 'main.bicep')) {
      expect(file.parameters[p.name]?.value, `main.parameters.json ${p.name}`).toMatch(/^\$\{[A-Z_]+\}$/);
    }
  });

  it('gives the identity exactly the roles it uses: Key Vault Secrets User, AcrPull, APIM reader and a policy-writer role', () => {
    const all = bicepFiles.map((f) => f.text).join('\n');
    const assignments = all.match(/Microsoft\.Authorization\/roleAssignments@/g) ?? [];
    expect(assignments).toHaveLength(4);
    expect(portal).toContain("'4633458b-17de-408a-b874-0445c86b69e6'"); // Key Vault Secrets User
    expect(portal).toContain("'7f951dda-4ed3-4680-a7ca-43fe172d538d'"); // AcrPull
    const apim = readFileSync(path.join(infra, 'modules/apim-access.bicep'), 'utf8');
    expect(apim).toContain("'71522526-b88f-4d52-b57f-d31fc3546d0d'"); // API Management Service Reader Role
    const actions = [...apim.matchAll(/'(Microsoft\.ApiManagement\/[^'@]+)'/g)].map((m) => m[1]);
    expect(actions.sort()).toEqual([
      'Microsoft.ApiManagement/service/apis/operations/policies/delete',
      'Microsoft.ApiManagement/service/apis/operations/policies/write',
      'Microsoft.ApiManagement/service/apis/policies/delete',
      'Microsoft.ApiManagement/service/apis/policies/write',
      'Microsoft.ApiManagement/service/subscriptions/listSecrets/action',
    ]);
    expect(all).not.toMatch(/'b24988ac-6180-42a0-ab88-20f7382dd24c'|'8e3af657-a8ff-443c-a75c-2fe8c4bcb635'/); // Contributor, Owner
  });

  it("serves the image's port and probes routes that exist", () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(runtimeStagePlan(path.join(root, 'Dockerfile')).env.PORT).toBe('3000');
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
    expect(portal).toMatch(/targetPort: 3000/);
    for (const [, route] of portal.matchAll(/path: '(\/api\/[a-z]+)'/g)) {
      expect(readdirSync(path.join(root, 'app', route ?? ''))).toContain('route.ts');
    }
    // Inside the platform's 30 s between SIGTERM and SIGKILL.
    expect(Number(/var shutdownSeconds = (\d+)/.exec(portal)?.[1])).toBeLessThan(30);
  });
});
