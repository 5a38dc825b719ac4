import 'server-only';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';
import { getConfig } from '@/lib/env';
import { appCredential, graphScope } from '@/lib/azure/identity/app-credential';
import { RequestTimeoutHandler } from './request-timeout-handler';
import { TracingHandler } from './tracing-handler';

// Graph's own retry waits 3 s before each retry when there is no Retry-After; a second is enough before the
// callers' own backoff (provisioning jobs, sync) takes over. Retry-After, when Graph sends it, always wins.
const RETRY_DELAY_SECONDS = 1;
const RETRIES = 3;

let client: Client | undefined;

function middlewareChain(credential: TokenCredential): AuthenticationHandler {
  const auth = new AuthenticationHandler(new TokenCredentialAuthenticationProvider(credential, { scopes: [graphScope()] }));
  const retry = new RetryHandler(new RetryHandlerOptions(RETRY_DELAY_SECONDS, RETRIES));
  const redirect = new RedirectHandler();
  const telemetry = new TelemetryHandler();
  const timeout = new RequestTimeoutHandler(getConfig().azureRequestTimeoutMs);
  auth.setNext(retry);
  retry.setNext(redirect);
  redirect.setNext(telemetry);
  const tracing = new TracingHandler();
  telemetry.setNext(tracing);
  tracing.setNext(timeout);
  timeout.setNext(new HTTPMessageHandler());
  return auth;
}

function clientFor(credential: TokenCredential): Client {
  const { graphEndpoint } = getConfig();
  return Client.initWithMiddleware({
    middleware: middlewareChain(credential),
    baseUrl: `${graphEndpoint}/`,
    // Without its host here the client silently drops the Authorization header.
    customHosts: new Set([new URL(graphEndpoint).hostname]),
  });
}

/** Graph as Roleport itself (application permissions). */
export function graphClient(): Client {
  client ??= clientFor(appCredential());
  return client;
}

/** Graph on behalf of one signed-in user (delegated permissions); one client per call, never shared between users. */
export function graphClientAs(credential: TokenCredential): Client {
  return clientFor(credential);
}
