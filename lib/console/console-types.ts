// Client-safe shapes of a console call and its outcome.
import type { RequestAccessLink, TokenDiagnosis } from '@/lib/tokens/doctor-types';

export interface SentHeader {
  name: string;
  /** Masked when `secret` is set; the real value stays on the server until its owner reveals it. */
  value: string;
  secret?: 'token' | 'subscription-key';
}

export interface SentRequest {
  method: string;
  url: string;
  headers: SentHeader[];
  body?: string;
}

export interface ConsoleResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
  /** The body was cut at the console's limit (MAX_RESPONSE_BODY_BYTES in send-gateway-request.ts). */
  truncated: boolean;
  durationMs: number;
}

export interface ConsoleOutcome {
  /** Refers to this call's token on the server (reveal, token doctor); never the token itself. */
  callId: string;
  request: SentRequest;
  response: ConsoleResponse;
  /** Decoded claims of the token the call used. */
  tokenClaims: Record<string, unknown> | null;
  subscription?: { id: string; displayName: string };
  /** What the console could not supply (no app registration, no subscription). */
  notes: string[];
  /** Set when the gateway answered 401 or 403: why, per the doctor. */
  diagnosis?: TokenDiagnosis;
  requestAccess: RequestAccessLink[];
}

export interface RevealedSecrets {
  token: string;
  subscriptionKey?: string;
}
