// The one place that reads process.env: it validates the configuration once and decides the mode.
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from '@/lib/validation/zod';
import { AZURE_CLOUD_NAMES, AZURE_CLOUDS, cloudOfUrl, type AzureCloudName } from './azure-clouds';
import type { DatabaseConfig } from './db/connection';

export type Env = Record<string, string | undefined>;

export interface RoleportConfig {
  mode: 'azure' | 'local';
  tenantId: string;
  clientId: string;
  /**
   * The app registration's secret; absent when Roleport runs as a managed identity that the registration trusts as a
   * federated credential, whose token then stands in for the secret (sign-in, refresh, on-behalf-of).
   */
  clientSecret?: string;
  /** How the portal authenticates its own calls to ARM and Graph. */
  appCredential: 'client-secret' | 'managed-identity';
  managedIdentityClientId?: string;
  authorityHost: string;
  armEndpoint: string;
  graphEndpoint: string;
  /** The national cloud: resource ids (token scopes) and the v1.0 token issuer, whatever hosts serve it. */
  cloud: CloudConfig;
  apim: { subscriptionId: string; resourceGroup: string; serviceName: string };
  /** Scope the sign-in asks for, so the session holds a user token the portal can exchange on behalf of the user. */
  portalApiScope: string;
  publicUrl: string;
  authSecret: string;
  /** Key of the audit chain's HMAC; kept outside the database so a database writer cannot re-hash the chain. */
  auditHmacKey: string;
  database: DatabaseConfig;
  webhookUrl?: string;
  /** Standard Webhooks signing secret (`whsec_` + base64); set whenever webhookUrl is. */
  webhookSecret?: string;
  /** Days a delivered (or abandoned) webhook row is kept before it is purged. */
  webhookRetentionDays: number;
  catalogSyncIntervalMinutes: number;
  /** A catalog sync's lease not renewed for this long belongs to a crashed replica and is taken over. */
  catalogSyncLeaseStaleSeconds: number;
  /** Seconds between scans for grants entering the renewal window (their holders are told once per grant and end date). */
  expiryNoticeScanSeconds: number;
  /** Hosts the try-it console may reach besides the APIM gateway host. */
  extraGatewayHosts: string[];
  /** `next dev`: the CSP allows what React's development build needs. */
  development: boolean;
  /** A session ends this long after sign-in, however active it is. */
  sessionLifetimeHours: number;
  /** Minutes between scheduled comparisons of Roleport's grants with Entra's assignments. */
  reconcileIntervalMinutes: number;
  /** Gateway hosts (exact `host[:port]`) whose DNS answers may be private-network addresses: APIM in a virtual network. */
  privateGatewayHosts: string[];
  /** Per-request limit on every ARM, Graph and token call Roleport makes as itself (each retry gets its own). */
  azureRequestTimeoutMs: number;
  /** The mailbox (UPN or object id) notification emails are sent from with Graph's sendMail; no email without it. */
  notifyMailFrom?: string;
  /** A Teams channel's incoming webhook that receives the team's notifications as Adaptive Cards (a secret URL). */
  teamsWebhookUrl?: string;
  /** Audiences an Event Grid delivery's Entra token may carry: the app the event subscription names. */
  eventGridAudiences: string[];
}

export interface CloudConfig {
  name: AzureCloudName;
  /** Scope of Roleport's app-only ARM tokens (`<ARM resource id>/.default`). */
  armScope: string;
  /** Scope of Roleport's app-only Graph tokens (`<Graph resource id>/.default`). */
  graphScope: string;
  /** Origin of v1.0 access tokens' `iss` (`<origin>/<tenant>/`). */
  v1IssuerHost: string;
  /** Scope of the managed identity's token that Roleport presents as its federated credential. */
  tokenExchangeScope: string;
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
const auditKey = z.string().min(32, 'must be at least 32 characters');
// Standard Webhooks secrets: "whsec_" then the base64 of 24 to 64 random bytes.
const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_ followed by base64')
  .refine((value) => {
    const bytes = Buffer.from(value.slice(6), 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'must hold 24 to 64 bytes after whsec_');

const commonSchema = z.object({
  PUBLIC_URL: optional(webUrl),
  PORT: optional(z.coerce.number().int().min(1).max(65535)),
  NEXTAUTH_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  DATABASE_URL: optional(postgresUrl),
  ROLEPORT_DATA_DIR: optional(z.string()),
  ROLEPORT_WEBHOOK_URL: optional(webUrl),
  ROLEPORT_WEBHOOK_SECRET: optional(webhookSecret),
  ROLEPORT_WEBHOOK_RETENTION_DAYS: optional(z.coerce.number().int().min(1).max(3650)),
  CATALOG_SYNC_INTERVAL_MINUTES: optional(z.coerce.number().int().min(1).max(1440)),
  // At least 5 s: the holder renews every third of it, and a renewal is one short database write.
  CATALOG_SYNC_LEASE_STALE_SECONDS: optional(z.coerce.number().int().min(5).max(3600)),
  EXPIRY_NOTICE_SCAN_SECONDS: optional(z.coerce.number().int().min(1).max(86_400)),
  CONSOLE_EXTRA_GATEWAY_HOSTS: optional(z.string()),
  SESSION_LIFETIME_HOURS: optional(z.coerce.number().int().min(1).max(168)),
  RECONCILE_INTERVAL_MINUTES: optional(z.coerce.number().int().min(1).max(1440)),
  CONSOLE_PRIVATE_GATEWAY_HOSTS: optional(
    z
      .string()
      .refine(
        (v) => hostList(v).every((h) => /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/.test(h)),
        'must list exact host names (host or host:port, comma-separated; no wildcards, schemes or paths)',
      ),
  ),
  AUDIT_HMAC_KEY: optional(auditKey),
  ROLEPORT_AZURE_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(300)),
  DATABASE_AUTH: optional(z.enum(['password', 'entra'], { error: 'must be password or entra' })),
  NOTIFY_MAIL_FROM: optional(
    z.string().regex(/^[^@\s/]+@[^@\s/]+$|^[0-9a-f-]{36}$/i, 'must be a mailbox: a user principal name or object id'),
  ),
  // The URL carries the webhook's secret token; cards describe who asked for what: only over TLS, in both modes.
  TEAMS_WEBHOOK_URL: optional(httpsUrl),
  ROLEPORT_EVENT_GRID_AUDIENCE: optional(
    z.string().regex(/^[^\s,]+(\s*,\s*[^\s,]+)*$/, 'must list application ids or App ID URIs, comma-separated'),
  ),
});

const azureSchema = z.object({
  AZURE_TENANT_ID: guid,
  AZURE_CLIENT_ID: guid,
  // Optional only with a managed identity, which the app registration may trust instead (checked in loadConfig).
  AZURE_CLIENT_SECRET: optional(z.string().min(1)),
  AZURE_APP_CREDENTIAL: optional(z.enum(['client-secret', 'managed-identity'])),
  AZURE_MANAGED_IDENTITY_CLIENT_ID: optional(guid),
  AZURE_CLOUD: optional(z.enum(AZURE_CLOUD_NAMES)),
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
  AUDIT_HMAC_KEY: auditKey,
  // Webhook bodies describe who was granted what: only over TLS, and always signed.
  ROLEPORT_WEBHOOK_URL: optional(httpsUrl),
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
  /** The cloud the emulator stands in for (its resource ids and v1 issuer); the public cloud unless it says otherwise. */
  cloud: z.enum(AZURE_CLOUD_NAMES).optional(),
  /** The emulator's shared mailbox and Teams webhook, used in local mode unless NOTIFY_MAIL_FROM / TEAMS_WEBHOOK_URL say otherwise. */
  notifications: z.object({ mailFrom: z.string().min(3), teamsWebhookUrl: httpsUrl }).optional(),
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

/**
 * A random key kept in a file of the local folder, created on first use. Link-then-read makes concurrent first
 * uses (several test or server processes) agree on one key instead of each writing its own.
 */
function localKeyFile(env: Env, name: string, generate = () => randomBytes(32).toString('base64url')): string {
  const file = path.join(localDir(env), name);
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(/*turbopackIgnore: true*/ draft, generate(), { mode: 0o600 });
    try {
      linkSync(/*turbopackIgnore: true*/ draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(/*turbopackIgnore: true*/ draft);
    }
  }
  return readFileSync(/*turbopackIgnore: true*/ file, 'utf8').trim();
}

const localKeys = new Map<string, string>();

/**
 * The audit chain's HMAC key alone, without the rest of the configuration (the audit verifier CLI and data-layer
 * code need only this): AUDIT_HMAC_KEY, required in Azure mode, else the key generated into the local folder.
 */
export function auditHmacKey(env: Env = process.env): string {
  const key = parse(z.object({ AUDIT_HMAC_KEY: optional(auditKey) }), env, 'environment').AUDIT_HMAC_KEY;
  if (key) return key;
  if (isAzureMode(env)) {
    throw new ConfigError('Invalid configuration: AUDIT_HMAC_KEY is required in Azure mode (a Key Vault reference in the app setting).');
  }
  const dir = localDir(env);
  let local = localKeys.get(dir);
  if (local === undefined) {
    local = localKeyFile(env, 'audit-hmac-key');
    localKeys.set(dir, local);
  }
  return local;
}

function databaseConfig(url: string | undefined, dataDir: string | undefined, auth: 'password' | 'entra' = 'password'): DatabaseConfig {
  if (url) return auth === 'entra' ? { kind: 'postgres', url, auth } : { kind: 'postgres', url };
  if (auth === 'entra') throw new ConfigError('Invalid configuration: DATABASE_AUTH=entra needs DATABASE_URL (a PostgreSQL server).');
  return { kind: 'sqlite', file: path.join(path.resolve(/*turbopackIgnore: true*/ dataDir ?? '.data'), 'roleport.db') };
}

export function isAzureMode(env: Env): boolean {
  return AZURE_TRIGGERS.some((name) => (env[name] ?? '') !== '');
}

export function loadConfig(env: Env = process.env): RoleportConfig {
  const common = parse(commonSchema, env, 'environment');
  const base = {
    webhookUrl: common.ROLEPORT_WEBHOOK_URL,
    webhookRetentionDays: common.ROLEPORT_WEBHOOK_RETENTION_DAYS ?? 7,
    catalogSyncIntervalMinutes: common.CATALOG_SYNC_INTERVAL_MINUTES ?? 15,
    catalogSyncLeaseStaleSeconds: common.CATALOG_SYNC_LEASE_STALE_SECONDS ?? 120,
    expiryNoticeScanSeconds: common.EXPIRY_NOTICE_SCAN_SECONDS ?? 600,
    development: env.NODE_ENV === 'development',
    sessionLifetimeHours: common.SESSION_LIFETIME_HOURS ?? 12,
    reconcileIntervalMinutes: common.RECONCILE_INTERVAL_MINUTES ?? 60,
    extraGatewayHosts: hostList(common.CONSOLE_EXTRA_GATEWAY_HOSTS),
    privateGatewayHosts: hostList(common.CONSOLE_PRIVATE_GATEWAY_HOSTS),
    // Well inside a provisioning job's lock (120 s), so a hung call fails and releases the job instead of holding it.
    azureRequestTimeoutMs: (common.ROLEPORT_AZURE_TIMEOUT_SECONDS ?? 30) * 1000,
    notifyMailFrom: common.NOTIFY_MAIL_FROM,
    teamsWebhookUrl: common.TEAMS_WEBHOOK_URL,
  };
  if (isAzureMode(env)) {
    const az = parse(azureSchema, env, 'Azure mode, because an AZURE_* or APIM_* variable is set');
    if (az.ROLEPORT_WEBHOOK_URL && !common.ROLEPORT_WEBHOOK_SECRET) {
      throw new ConfigError('Invalid configuration: ROLEPORT_WEBHOOK_SECRET is required when ROLEPORT_WEBHOOK_URL is set (Azure mode).');
    }
    if (!az.AZURE_CLIENT_SECRET && az.AZURE_APP_CREDENTIAL !== 'managed-identity')
      throw new ConfigError(
        'Invalid configuration: AZURE_CLIENT_SECRET is required (next-auth signs users in as a confidential client), unless AZURE_APP_CREDENTIAL=managed-identity and the app registration trusts that identity as a federated credential.',
      );
    const cloud = AZURE_CLOUDS[azureCloudOf(az)];
    return {
      ...base,
      eventGridAudiences: eventGridAudiences(common.ROLEPORT_EVENT_GRID_AUDIENCE, az.AZURE_CLIENT_ID),
      mode: 'azure',
      tenantId: az.AZURE_TENANT_ID,
      clientId: az.AZURE_CLIENT_ID,
      clientSecret: az.AZURE_CLIENT_SECRET,
      appCredential: az.AZURE_APP_CREDENTIAL ?? 'client-secret',
      managedIdentityClientId: az.AZURE_MANAGED_IDENTITY_CLIENT_ID,
      authorityHost: stripSlash(az.AZURE_AUTHORITY_HOST ?? cloud.authorityHost),
      armEndpoint: stripSlash(az.ARM_ENDPOINT ?? cloud.armEndpoint),
      graphEndpoint: stripSlash(az.GRAPH_ENDPOINT ?? cloud.graphEndpoint),
      cloud: cloudConfig(cloud.name),
      apim: { subscriptionId: az.APIM_SUBSCRIPTION_ID, resourceGroup: az.APIM_RESOURCE_GROUP, serviceName: az.APIM_SERVICE_NAME },
      portalApiScope: az.PORTAL_API_SCOPE ?? `api://${az.AZURE_CLIENT_ID}/access_as_user`,
      publicUrl: stripSlash(az.PUBLIC_URL),
      authSecret: az.NEXTAUTH_SECRET,
      auditHmacKey: az.AUDIT_HMAC_KEY,
      webhookSecret: common.ROLEPORT_WEBHOOK_SECRET,
      database: databaseConfig(az.DATABASE_URL, common.ROLEPORT_DATA_DIR, common.DATABASE_AUTH),
    };
  }
  const local = localConfig(env, common);
  return { ...base, ...local, eventGridAudiences: eventGridAudiences(common.ROLEPORT_EVENT_GRID_AUDIENCE, local.clientId) };
}

/** By default Roleport's own registration, named either way a subscription may name it (application id or App ID URI). */
function eventGridAudiences(value: string | undefined, clientId: string): string[] {
  return value ? value.split(',').map((a) => a.trim()) : [clientId, `api://${clientId}`];
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
    cloud: cloudConfig(emu.cloud ?? 'AzurePublicCloud'),
    apim: { subscriptionId: emu.subscriptionId, resourceGroup: emu.resourceGroup, serviceName: emu.serviceName },
    portalApiScope: `api://${emu.portal.clientId}/access_as_user`,
    publicUrl: stripSlash(common.PUBLIC_URL ?? `http://localhost:${common.PORT ?? 3000}`),
    authSecret: common.NEXTAUTH_SECRET ?? localAuthSecret(env),
    auditHmacKey: common.AUDIT_HMAC_KEY ?? localKeyFile(env, 'audit-hmac-key'),
    webhookSecret: common.ROLEPORT_WEBHOOK_URL
      ? (common.ROLEPORT_WEBHOOK_SECRET ?? localKeyFile(env, 'webhook-secret', () => `whsec_${randomBytes(32).toString('base64')}`))
      : undefined,
    database: databaseConfig(common.DATABASE_URL, common.ROLEPORT_DATA_DIR, common.DATABASE_AUTH),
    notifyMailFrom: common.NOTIFY_MAIL_FROM ?? emu.notifications?.mailFrom,
    teamsWebhookUrl: common.TEAMS_WEBHOOK_URL ?? emu.notifications?.teamsWebhookUrl,
  };
}

function hostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The cloud is AZURE_CLOUD, else the one whose host AZURE_AUTHORITY_HOST, ARM_ENDPOINT or GRAPH_ENDPOINT names, else the
 * public cloud. A variable naming another cloud's host is refused: its tokens would be for the wrong audience.
 */
function azureCloudOf(az: { AZURE_CLOUD?: AzureCloudName; AZURE_AUTHORITY_HOST?: string; ARM_ENDPOINT?: string; GRAPH_ENDPOINT?: string }) {
  const named = (['AZURE_AUTHORITY_HOST', 'ARM_ENDPOINT', 'GRAPH_ENDPOINT'] as const)
    .map((name) => ({ name, cloud: az[name] ? cloudOfUrl(az[name]) : undefined }))
    .filter((n): n is { name: (typeof n)['name']; cloud: AzureCloudName } => n.cloud !== undefined);
  const cloud = az.AZURE_CLOUD ?? named[0]?.cloud ?? 'AzurePublicCloud';
  const odd = named.find((n) => n.cloud !== cloud);
  if (odd) {
    throw new ConfigError(
      `Invalid configuration: ${odd.name} is a host of ${odd.cloud}, but the cloud is ${cloud}${az.AZURE_CLOUD ? ' (AZURE_CLOUD)' : ''}; set the authority, ARM and Graph endpoints of one cloud (Azure mode).`,
    );
  }
  return cloud;
}

function cloudConfig(name: AzureCloudName): CloudConfig {
  const cloud = AZURE_CLOUDS[name];
  return {
    name,
    armScope: `${cloud.armResource.replace(/\/+$/, '')}/.default`,
    graphScope: `${cloud.graphResource.replace(/\/+$/, '')}/.default`,
    v1IssuerHost: cloud.v1IssuerHost,
    tokenExchangeScope: `${cloud.tokenExchangeAudience}/.default`,
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

// --- Operations: logs, telemetry, shutdown ---------------------------------------------------------------------------

export interface OperationsSettings {
  /** `json`: one structured line per event (the default outside `next dev`); `text`: the console as it is. */
  logFormat: 'json' | 'text';
  /** Azure Monitor (Application Insights) connection string: traces and metrics are exported only when it is set. */
  appInsightsConnectionString?: string;
  /** How long a stopping server may take to finish or release its jobs before it exits anyway (SIGTERM). */
  shutdownTimeoutMs: number;
}

const operationsSchema = z.object({
  ROLEPORT_LOG_FORMAT: optional(z.enum(['json', 'text'])),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optional(
    z.string().regex(/(^|;)\s*(InstrumentationKey|IngestionEndpoint)=/i, 'must be an Application Insights connection string'),
  ),
  // Container Apps sends SIGKILL 30 s after SIGTERM by default; the bound stays inside it.
  ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(300)),
});

/** The operations settings alone (read by the instrumentation hook before, and whatever, the rest of the configuration). */
export function operationsSettings(env: Env = process.env): OperationsSettings {
  const ops = parse(operationsSchema, env, 'environment');
  return {
    logFormat: ops.ROLEPORT_LOG_FORMAT ?? (env.NODE_ENV === 'development' ? 'text' : 'json'),
    appInsightsConnectionString: ops.APPLICATIONINSIGHTS_CONNECTION_STRING,
    shutdownTimeoutMs: (ops.ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS ?? 20) * 1000,
  };
}

/**
 * next-auth reads NEXTAUTH_URL itself (its callback and sign-in URLs); a server started without `npm start` (the
 * container's `node server.js`) derives it from PUBLIC_URL, so a deployment sets the public URL once.
 */
export function exportNextAuthUrl(env: Env = process.env): void {
  if (!env.NEXTAUTH_URL) env.NEXTAUTH_URL = getConfig().publicUrl;
}

/** The variables Azure mode refuses to start without, read off its schema (the infra test checks the template sets each). */
export function azureRequiredVariables(): string[] {
  return Object.entries(azureSchema.shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([name]) => name);
}

/** What `npm run setup:azure` needs: the tenant, the APIM service and the portal URL; the app registration may not exist yet. */
export interface SetupConfig {
  tenantId: string;
  /** An existing registration to update (its client id); otherwise the one named appName, created if there is none. */
  clientId?: string;
  appName: string;
  publicUrl: string;
  apim: { subscriptionId: string; resourceGroup: string; serviceName: string };
  authorityHost: string;
  armEndpoint: string;
  graphEndpoint: string;
  cloud: CloudConfig;
  /** The audience Event Grid's delivery tokens name (the first of ROLEPORT_EVENT_GRID_AUDIENCE); default the client id. */
  eventGridAudience?: string;
  /** How the operator signs in: Azure CLI then device code (default), device code only, or an automation app's secret. */
  operator: { kind: 'cli' } | { kind: 'device-code' } | { kind: 'client-secret'; clientId: string; clientSecret: string };
}

const setupSchema = z.object({
  AZURE_TENANT_ID: guid,
  AZURE_CLIENT_ID: optional(guid),
  ROLEPORT_APP_NAME: optional(z.string().min(1).max(120)),
  PUBLIC_URL: webUrl,
  APIM_SUBSCRIPTION_ID: guid,
  APIM_RESOURCE_GROUP: z.string().min(1, 'is required'),
  APIM_SERVICE_NAME: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,49}$/, 'must be an APIM service name'),
  AZURE_CLOUD: optional(z.enum(AZURE_CLOUD_NAMES)),
  AZURE_AUTHORITY_HOST: optional(httpsUrl),
  ARM_ENDPOINT: optional(httpsUrl),
  GRAPH_ENDPOINT: optional(httpsUrl),
  SETUP_CREDENTIAL: optional(z.enum(['cli', 'device-code', 'client-secret'], { error: 'must be cli, device-code or client-secret' })),
  SETUP_CLIENT_ID: optional(guid),
  SETUP_CLIENT_SECRET: optional(z.string().min(1)),
  ROLEPORT_EVENT_GRID_AUDIENCE: optional(
    z.string().regex(/^[^\s,]+(\s*,\s*[^\s,]+)*$/, 'must list application ids or App ID URIs, comma-separated'),
  ),
});

export function loadSetupConfig(env: Env = process.env): SetupConfig {
  const s = parse(setupSchema, env, 'npm run setup:azure');
  const cloud = AZURE_CLOUDS[azureCloudOf(s)];
  let operator: SetupConfig['operator'] = { kind: s.SETUP_CREDENTIAL === 'device-code' ? 'device-code' : 'cli' };
  if (s.SETUP_CREDENTIAL === 'client-secret') {
    if (!s.SETUP_CLIENT_ID || !s.SETUP_CLIENT_SECRET)
      throw new ConfigError(
        'Invalid configuration: SETUP_CREDENTIAL=client-secret needs SETUP_CLIENT_ID and SETUP_CLIENT_SECRET (npm run setup:azure).',
      );
    operator = { kind: 'client-secret', clientId: s.SETUP_CLIENT_ID, clientSecret: s.SETUP_CLIENT_SECRET };
  }
  return {
    tenantId: s.AZURE_TENANT_ID,
    clientId: s.AZURE_CLIENT_ID,
    appName: s.ROLEPORT_APP_NAME ?? 'Roleport',
    publicUrl: stripSlash(s.PUBLIC_URL),
    apim: { subscriptionId: s.APIM_SUBSCRIPTION_ID, resourceGroup: s.APIM_RESOURCE_GROUP, serviceName: s.APIM_SERVICE_NAME },
    authorityHost: stripSlash(s.AZURE_AUTHORITY_HOST ?? cloud.authorityHost),
    armEndpoint: stripSlash(s.ARM_ENDPOINT ?? cloud.armEndpoint),
    graphEndpoint: stripSlash(s.GRAPH_ENDPOINT ?? cloud.graphEndpoint),
    cloud: cloudConfig(cloud.name),
    eventGridAudience: s.ROLEPORT_EVENT_GRID_AUDIENCE?.split(',')[0]?.trim(),
    operator,
  };
}
