import { randomToken } from '../http/ids';

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  sid: string;
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  userId: string;
  scope: string;
  sid?: string;
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const REFRESH_TTL_MS = 24 * 60 * 60 * 1000;

/** Codes (single use), refresh tokens (rotated on use) and browser sessions, all in memory. */
export class GrantStore {
  private codes = new Map<string, AuthorizationCode>();
  private refreshTokens = new Map<string, RefreshGrant>();
  private sessions = new Map<string, string>();

  issueCode(code: Omit<AuthorizationCode, 'expiresAt'>): string {
    const value = randomToken(48);
    this.codes.set(value, { ...code, expiresAt: Date.now() + CODE_TTL_MS });
    return value;
  }

  /** Redeems a code once; a second use or an expired code yields undefined. */
  redeemCode(value: string): AuthorizationCode | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    return code && code.expiresAt > Date.now() ? code : undefined;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, 'expiresAt'>): string {
    const value = `1.${randomToken(64)}`;
    this.refreshTokens.set(value, { ...grant, expiresAt: Date.now() + REFRESH_TTL_MS });
    return value;
  }

  redeemRefreshToken(value: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(value);
    this.refreshTokens.delete(value);
    return grant && grant.expiresAt > Date.now() ? grant : undefined;
  }

  startSession(userId: string): string {
    const sid = randomToken(16);
    this.sessions.set(sid, userId);
    return sid;
  }

  sessionUser(sid: string | undefined): string | undefined {
    return sid ? this.sessions.get(sid) : undefined;
  }

  endSession(sid: string | undefined) {
    if (sid) this.sessions.delete(sid);
  }
}
