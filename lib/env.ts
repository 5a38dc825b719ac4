// The one place that reads process.env: it validates the configuration once and decides the mode.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface RoleportConfig {
  mode: 'azure' | 'local';
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** How the portal authenticates its own calls to ARM and Graph. */
  appCredential: 'client-secret' | 'managed-identity';
  managedIdentityClientId?: string;
  authorityHost: string;
  armEndpoint: string;
  graphEndpoint: string;
  apim: { subscriptionId: string; resourceGroup: string; serviceName: string };
  /** Scope the sign-in asks for, so the session holds a user token the portal can exchange on behalf of the user. */
  portalApiScope: string;
  publicUrl: string;
  authSecret: string;
  database: DatabaseConfig;
  webhookUrl?: string;
  catalogSyncIntervalMinutes: number;
  /** Hosts the try-it console may reach besides the APIM gateway host. */
  extraGatewayHosts: string[];
  /** `next dev`: the CSP allows what React's development build needs. */
  development: boolean;
  /** A session ends this long after sign-in, however active it is. */
  sessionLifetimeHours: number;
  /** Minutes between scheduled comparisons of Roleport's grants with Entra's assignments. */
  reconcileIntervalMinutes: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const AZURE_TRIGGERS = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'APIM_SUBSCRIPTION_ID',
  'APIM_RESOURCE_GROUP',
  'APIM_SERVICE_NAME',
] as const;

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const webUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' });
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// connection URL');
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const commonSchema = z.object({
  PUBLIC_URL: optional(webUrl),
  PORT: optional(z.coerce.number().int().min(1).max(65535)),
  NEXTAUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  DATABASE_URL: optional(postgresUrl),
  ROLEPORT_DATA_DIR: optional(z.string()),
  ROLEPORT_WEBHOOK_URL: optional(webUrl),
  CATALOG_SYNC_INTERVAL_MINUTES: optional(z.coerce.number().int().min(1).max(1440)),
  CONSOLE_EXTRA_GATEWAY_HOSTS: optional(z.string()),
  SESSION_LIFETIME_HOURS: optional(z.coerce.number().int().min(1).max(168)),
  RECONCILE_INTERVAL_MINUTES: optional(z.coerce.number().int().min(1).max(1440)),
});

const azureSchema = z.object({
  AZURE_TENANT_ID: guid,
  AZURE_CLIENT_ID: guid,
  AZURE_CLIENT_SECRET: z.string().min(1, 'is required (next-auth signs users in as a confidential client)'),
  AZURE_APP_CREDENTIAL: optional(z.enum(['client-secret', 'managed-identity'])),
  AZURE_MANAGED_IDENTITY_CLIENT_ID: optional(guid),
  AZURE_AUTHORITY_HOST: optional(httpsUrl),
  ARM_ENDPOINT: optional(httpsUrl),
  GRAPH_ENDPOINT: optional(httpsUrl),
  APIM_SUBSCRIPTION_ID: guid,
  APIM_RESOURCE_GROUP: z.string().min(1, 'is required'),
  APIM_SERVICE_NAME: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,49}$/, 'must be an APIM service name'),
  PORTAL_API_SCOPE: optional(z.string().min(1)),
  DATABASE_URL: postgresUrl.optional(),
  PUBLIC_URL: httpsUrl,
  NEXTAUTH_SECRET: z.string({ error: 'is required in Azure mode' }).min(32, 'must be at least 32 characters'),
});

const emulatorFileSchema = z.object({
  authorityHost: httpsUrl,
  tenantId: guid,
  armEndpoint: httpsUrl,
  graphEndpoint: httpsUrl,
  subscriptionId: guid,
  resourceGroup: z.string().min(1),
  serviceName: z.string().min(1),
  gatewayUrl: httpsUrl,
  caCertPath: z.string(),
  portal: z.object({ clientId: guid, clientSecret: z.string().min(1) }),
});

function firstIssue(error: z.ZodError, source: string): ConfigError {
  const issue = error.issues[0];
  const name = issue?.path.join('.') || '(configuration)';
  const detail = issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue?.message;
  return new ConfigError(`Invalid configuration: ${name} ${detail} (${source}).`);
}

function parse<T extends z.ZodType>(schema: T, input: unknown, source: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw firstIssue(result.error, source);
  return result.data;
}

export function localDir(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.ROLEPORT_LOCAL_DIR ?? '.local');
}

export function emulatorFilePath(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.ROLEPORT_EMULATOR_FILE ?? path.join(localDir(env), 'emulator.json'));
}

function localAuthSecret(env: Env): string {
  const file = path.join(localDir(env), 'nextauth-secret');
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
    writeFileSync(/*turbopackIgnore: true*/ file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(/*turbopackIgnore: true*/ file, 'utf8').trim();
}

function databaseConfig(url: string | undefined, dataDir: string | undefined): DatabaseConfig {
  if (url) return { kind: 'postgres', url };
  return { kind: 'sqlite', file: path.join(path.resolve(/*turbopackIgnore: true*/ dataDir ?? '.data'), 'roleport.db') };
}

export function isAzureMode(env: Env): boolean {
  return AZURE_TRIGGERS.some((name) => (env[name] ?? '') !== '');
}

export function loadConfig(env: Env = process.env): RoleportConfig {
  const common = parse(commonSchema, env, 'environment');
  const base = {
    webhookUrl: common.ROLEPORT_WEBHOOK_URL,
    catalogSyncIntervalMinutes: common.CATALOG_SYNC_INTERVAL_MINUTES ?? 15,
    extraGatewayHosts: (common.CONSOLE_EXTRA_GATEWAY_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    development: env.NODE_ENV === 'development',
    sessionLifetimeHours: common.SESSION_LIFETIME_HOURS ?? 12,
    reconcileIntervalMinutes: common.RECONCILE_INTERVAL_MINUTES ?? 60,
  };
  if (isAzureMode(env)) {
    const az = parse(azureSchema, env, 'Azure mode, because an AZURE_* or APIM_* variable is set');
    return {
      ...base,
      mode: 'azure',
      tenantId: az.AZURE_TENANT_ID,
      clientId: az.AZURE_CLIENT_ID,
      clientSecret: az.AZURE_CLIENT_SECRET,
      appCredential: az.AZURE_APP_CREDENTIAL ?? 'client-secret',
      managedIdentityClientId: az.AZURE_MANAGED_IDENTITY_CLIENT_ID,
      authorityHost: stripSlash(az.AZURE_AUTHORITY_HOST ?? 'https://login.microsoftonline.com'),
      armEndpoint: stripSlash(az.ARM_ENDPOINT ?? 'https://management.azure.com'),
      graphEndpoint: stripSlash(az.GRAPH_ENDPOINT ?? 'https://graph.microsoft.com'),
      apim: { subscriptionId: az.APIM_SUBSCRIPTION_ID, resourceGroup: az.APIM_RESOURCE_GROUP, serviceName: az.APIM_SERVICE_NAME },
      portalApiScope: az.PORTAL_API_SCOPE ?? `api://${az.AZURE_CLIENT_ID}/access_as_user`,
      publicUrl: stripSlash(az.PUBLIC_URL),
      authSecret: az.NEXTAUTH_SECRET,
      database: databaseConfig(az.DATABASE_URL, common.ROLEPORT_DATA_DIR),
    };
  }
  return { ...base, ...localConfig(env, common) };
}

function localConfig(env: Env, common: z.infer<typeof commonSchema>) {
  const file = emulatorFilePath(env);
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    throw new ConfigError(
      `Invalid configuration: no Azure settings are given, so Roleport runs in local mode, but the emulator connection file ${file} does not exist. Start the portal with \`npm run dev\` (it starts the emulator), or run \`npm run emulator\` first.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, 'utf8'));
  } catch {
    throw new ConfigError(`Invalid configuration: the emulator connection file ${file} is not valid JSON.`);
  }
  const emu = parse(emulatorFileSchema, json, file);
  return {
    mode: 'local' as const,
    tenantId: emu.tenantId,
    clientId: emu.portal.clientId,
    clientSecret: emu.portal.clientSecret,
    appCredential: 'client-secret' as const,
    authorityHost: stripSlash(emu.authorityHost),
    armEndpoint: stripSlash(emu.armEndpoint),
    graphEndpoint: stripSlash(emu.graphEndpoint),
    apim: { subscriptionId: emu.subscriptionId, resourceGroup: emu.resourceGroup, serviceName: emu.serviceName },
    portalApiScope: `api://${emu.portal.clientId}/access_as_user`,
    publicUrl: stripSlash(common.PUBLIC_URL ?? `http://localhost:${common.PORT ?? 3000}`),
    authSecret: common.NEXTAUTH_SECRET ?? localAuthSecret(env),
    database: databaseConfig(common.DATABASE_URL, common.ROLEPORT_DATA_DIR),
  };
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

let cached: RoleportConfig | undefined;

/** The validated configuration of this process (read once). */
export function getConfig(): RoleportConfig {
  cached ??= loadConfig(process.env);
  return cached;
}
