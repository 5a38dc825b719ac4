import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApimState } from './apim/state';
import type { EmulatorUrls, SurfaceHandler, SurfaceName, TokenVerifier } from './context';
import { createControlHandler } from './control/control-handler';
import type { PermissionTargets } from './control/permissions-control';
import { RequestStats } from './control/request-stats';
import type { CloudName } from './directory/clouds';
import type { Directory } from './directory/directory';
import { createEntraHandler } from './entra/entra-handler';
import { createSigningKeys, createTokenVerifier } from './entra/signing-keys';
import { FaultState } from './faults/fault-state';
import type { ThrottleSettings } from './faults/token-bucket';
import { createGraphHandler } from './graph/graph-handler';
import { createSurfaceServer, type SurfaceServer } from './http/surface-server';
import {
  APIM,
  CLIENT_APPS,
  DEMO_PASSWORD,
  EVENT_GRID,
  NOTIFICATIONS_MAILBOX,
  PORTAL_APP,
  ROLEPORT_MANAGED_IDENTITY,
  TEAMS_CHANNEL,
  TENANT_ID,
  USERS,
  WORKLOAD_MANAGED_IDENTITY,
} from './seed/demo-tenant';
import { MANAGED_IDENTITY_PATH } from './entra/managed-identity-endpoint';
import { seedDirectory } from './seed/directory-seed';
import { ROLES_BY_NAME, seedRbac } from './seed/rbac-seed';
import type { RbacState } from './arm/rbac';
import { TeamsChannels } from './teams/teams-channel';
import { ensureCertificates } from './tls/ensure-certificates';
import { apimEventFor, EventGridPublisher, type EventSubscription } from './eventgrid/publisher';
import { mintAccessToken } from './entra/mint-tokens';
import { resolveResource } from './entra/resolve-resource';

export const ALL_SURFACES: SurfaceName[] = ['entra', 'graph', 'arm', 'gateway'];
const DEFAULT_PORTS: Record<SurfaceName, number> = { entra: 8443, graph: 8444, arm: 8445, gateway: 8446 };

export interface StartEmulatorOptions {
  localDir?: string;
  /** 0 = an ephemeral port. */
  ports?: Partial<Record<SurfaceName, number>>;
  host?: 'localhost';
  seed?: { apis?: number; operations?: number };
  latencyMs?: Partial<Record<SurfaceName, number>>;
  armThrottle?: ThrottleSettings | null;
  writeConnectionFile?: boolean;
  /** Where the connection file goes (default `<localDir>/emulator.json`). */
  connectionFile?: string;
  extraRedirectUris?: string[];
  /** Access and ID token lifetime (default one hour, like Entra). */
  tokenLifetimeSeconds?: number;
  /** The national cloud the emulator stands in for (default the public cloud). */
  cloud?: CloudName;
  /** Which surfaces to run (default all). */
  surfaces?: SurfaceName[];
  /** Device code lifetime and polling interval (default Entra's: 900 s, 5 s). */
  deviceCode?: { lifetimeSeconds?: number; intervalSeconds?: number };
  /** An Event Grid subscription to APIM's events (set or changed later with `eventGrid.subscribe`). */
  eventGrid?: EventSubscription;
}

export interface EmulatorConnection {
  authorityHost: string;
  tenantId: string;
  armEndpoint: string;
  graphEndpoint: string;
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
  gatewayUrl: string;
  caCertPath: string;
  portal: { clientId: string; clientSecret: string };
  cloud: CloudName;
  users: { oid: string; userPrincipalName: string; displayName: string; password: string }[];
  /** Confidential client apps developers own, for client-credentials calls (the portal never holds these secrets). */
  clientApps: { appId: string; clientSecret: string; displayName: string; ownerOids: string[] }[];
  /** Where local mode sends notifications: the shared mailbox Graph's sendMail sends from, and a Teams incoming webhook. */
  notifications: { mailFrom: string; teamsWebhookUrl: string };
}

export interface RunningEmulator {
  urls: EmulatorUrls;
  connection: EmulatorConnection;
  directory: Directory;
  /** The APIM state (undefined when neither the ARM nor the gateway surface runs). */
  apim: ApimState | undefined;
  faults: FaultState;
  stats: RequestStats;
  tokens: TokenVerifier;
  /** Azure RBAC role assignments the emulated ARM enforces. */
  rbac: RbacState;
  /** Cards posted to the local Teams incoming webhooks. */
  teams: TeamsChannels;
  /** Azure Event Grid: delivers APIM's events for ARM writes to the subscribed webhook. */
  eventGrid: EventGridPublisher;
  /** What App Service / Container Apps would put in IDENTITY_ENDPOINT and IDENTITY_HEADER, and the attached identity. */
  managedIdentity: { endpoint: string; header: string; clientId: string; principalId: string };
  stop(): Promise<void>;
}

/** Starts one HTTPS server per surface, all sharing one directory, one signing key and one fault state. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const localDir = options.localDir ?? '.local';
  const host = options.host ?? 'localhost';
  const surfaces = options.surfaces ?? ALL_SURFACES;
  const certs = ensureCertificates(localDir);
  const faults = new FaultState({ latencyMs: options.latencyMs, armThrottle: options.armThrottle ?? null });
  const stats = new RequestStats();
  // The control handler is built before the ports (and so the URLs) are known.
  const known: { urls?: EmulatorUrls; permissions?: PermissionTargets } = {};
  const teams = new TeamsChannels();
  const control = createControlHandler({
    faults,
    stats,
    urls: () => known.urls!,
    surfaces,
    permissions: () => known.permissions,
    mail: () => known.permissions?.directory.sentMail,
    teams,
  });

  const servers = new Map<SurfaceName, SurfaceServer>();
  const ports: Partial<Record<SurfaceName, number>> = {};
  try {
    for (const surface of surfaces) {
      const server = createSurfaceServer({
        surface,
        certPem: certs.certPem,
        keyPem: certs.keyPem,
        faults,
        stats,
        control: surface === 'entra' ? control : undefined,
      });
      servers.set(surface, server);
      ports[surface] = await server.listen(options.ports?.[surface] ?? DEFAULT_PORTS[surface], host);
    }
  } catch (err) {
    await Promise.all([...servers.values()].map((s) => s.close()));
    throw err;
  }
  const origin = (s: SurfaceName) => `https://${host}:${ports[s] ?? options.ports?.[s] ?? DEFAULT_PORTS[s]}`;
  const urls: EmulatorUrls = {
    authorityHost: origin('entra'),
    graphEndpoint: origin('graph'),
    armEndpoint: origin('arm'),
    gatewayUrl: origin('gateway'),
  };
  known.urls = urls;

  const directory = seedDirectory({
    extraRedirectUris: options.extraRedirectUris,
    cloud: options.cloud,
    authorityHost: urls.authorityHost,
  });
  const rbac = seedRbac();
  known.permissions = { directory, rbac };
  const keys = await createSigningKeys();
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
  const tokens = createTokenVerifier(keys, urls.authorityHost, TENANT_ID, directory.cloud.v1IssuerHost);
  const managedIdentity = {
    endpoint: `${urls.authorityHost}${MANAGED_IDENTITY_PATH}`,
    header: randomBytes(24).toString('base64url'),
    clientId: ROLEPORT_MANAGED_IDENTITY.clientId,
    principalId: ROLEPORT_MANAGED_IDENTITY.principalId,
  };
  const handlers: Partial<Record<SurfaceName, SurfaceHandler>> = {
    entra: createEntraHandler({
      directory,
      keys,
      tokens,
      urls,
      tokenLifetimeSeconds,
      deviceCode: options.deviceCode,
      managedIdentity: {
        header: managedIdentity.header,
        userAssigned: [ROLEPORT_MANAGED_IDENTITY.clientId, WORKLOAD_MANAGED_IDENTITY.clientId],
      },
    }),
    graph: createGraphHandler({ directory, tokens, urls }),
  };
  const eventGridApp = directory.applicationByAppId(EVENT_GRID.appId);
  const eventGridTopic = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${APIM.resourceGroup}/providers/Microsoft.ApiManagement/service/${APIM.serviceName}`;
  const eventGrid = new EventGridPublisher({
    topic: eventGridTopic,
    // Event Grid's app asks the tenant's Entra for a token to the webhook's application (client credentials).
    token: async (audience) => {
      if (!eventGridApp) throw new Error('Event Grid has no app registration in the emulated tenant');
      const resource = resolveResource(directory, `${audience}/.default`, { defaultToGraph: false });
      return mintAccessToken(
        { directory, keys, authorityHost: urls.authorityHost, tokenLifetimeSeconds },
        { resource, client: eventGridApp },
      );
    },
  });
  if (options.eventGrid) eventGrid.subscribe(options.eventGrid);
  let apim: ApimState | undefined;
  if (surfaces.includes('arm') || surfaces.includes('gateway')) {
    // The APIM surfaces are loaded only when they run, so Entra and Graph can run on their own.
    const { createApimState } = await import('./apim/state');
    const { seedApim } = await import('./seed/apim-seed');
    const { findIn } = await import('./apim/state');
    const state = createApimState();
    const generated =
      options.seed?.apis !== undefined || options.seed?.operations !== undefined
        ? { apis: options.seed.apis ?? 0, operations: options.seed.operations ?? 0 }
        : undefined;
    seedApim(state, { urls, tenantId: TENANT_ID, generated });
    apim = state;
    if (surfaces.includes('arm'))
      handlers.arm = (await import('./arm/handler')).createArmHandler({
        state,
        tokens,
        urls,
        cloud: directory.cloud,
        rbac,
        roles: ROLES_BY_NAME,
        directory,
        eventSubscriptions: new (await import('./arm/routes-event-subscriptions')).EventSubscriptionsRoute({
          serviceId: eventGridTopic,
          tenantId: TENANT_ID,
          rbac,
          publisher: eventGrid,
        }),
        onWrite: (method, status, segments) => {
          const event = apimEventFor(method, status, segments, (id) => findIn(state.apis, id)?.apiRevision ?? '1');
          if (event) eventGrid.publish(event.name, event.subject);
        },
      });
    if (surfaces.includes('gateway'))
      handlers.gateway = (await import('./gateway/handler')).createGatewayHandler({ state, urls, caPem: certs.caPem });
  }
  for (const [surface, server] of servers) {
    const handler = handlers[surface];
    if (handler) server.setHandler(handler);
  }

  const connection: EmulatorConnection = {
    authorityHost: urls.authorityHost,
    tenantId: TENANT_ID,
    armEndpoint: urls.armEndpoint,
    graphEndpoint: urls.graphEndpoint,
    subscriptionId: APIM.subscriptionId,
    resourceGroup: APIM.resourceGroup,
    serviceName: APIM.serviceName,
    gatewayUrl: urls.gatewayUrl,
    caCertPath: certs.caCertPath,
    portal: { clientId: PORTAL_APP.appId, clientSecret: PORTAL_APP.clientSecret },
    cloud: directory.cloud.name,
    users: Object.values(USERS).map((u) => ({
      oid: u.oid,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
    })),
    clientApps: CLIENT_APPS.map((c) => ({
      appId: c.appId,
      clientSecret: c.clientSecret,
      displayName: c.displayName,
      ownerOids: c.owners.map((k) => USERS[k].oid),
    })),
    notifications: {
      mailFrom: NOTIFICATIONS_MAILBOX.userPrincipalName,
      teamsWebhookUrl: `${urls.authorityHost}/_emulator/teams/${TEAMS_CHANNEL}`,
    },
  };
  if (options.writeConnectionFile) {
    const file = resolve(options.connectionFile ?? resolve(localDir, 'emulator.json'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(connection, null, 2)}\n`);
  }

  return {
    urls,
    connection,
    directory,
    apim,
    faults,
    stats,
    tokens,
    rbac,
    teams,
    managedIdentity,
    eventGrid,
    stop: async () => {
      eventGrid.stop();
      await Promise.all([...servers.values()].map((s) => s.close()));
    },
  };
}
