import type { IncomingMessage, ServerResponse } from 'node:http';

/** The four Azure surfaces, each served on its own HTTPS origin like the real hosts. */
export type SurfaceName = 'entra' | 'graph' | 'arm' | 'gateway';

export interface EmulatorUrls {
  /** Entra authority host, e.g. https://localhost:8443 (tenant paths hang below it). */
  authorityHost: string;
  /** Graph origin, e.g. https://localhost:8444 (the SDK appends /v1.0). */
  graphEndpoint: string;
  /** ARM origin, e.g. https://localhost:8445. */
  armEndpoint: string;
  /** APIM gateway origin, e.g. https://localhost:8446. */
  gatewayUrl: string;
}

/** Claims of a token the emulator's Entra issued and still accepts (signature, expiry, issuer checked). */
export type VerifiedClaims = Record<string, unknown> & { aud: string; tid: string; iss: string };

export interface TokenVerifier {
  /** Resolves the claims, or null when the token is not one the emulator's Entra would accept. */
  verify(token: string): Promise<VerifiedClaims | null>;
}

/** A request handler for one surface; it must answer every request and never throw out. */
export type SurfaceHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
