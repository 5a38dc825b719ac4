import { randomInt } from 'node:crypto';
import { randomToken } from '../http/ids';

// The device authorization grant's pending sign-ins (learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code,
// RFC 8628): a long device_code the client polls with, a short user_code the user types at the verification page.
// Both expire after `expires_in` (15 minutes by default); a device code is redeemed once.

export interface DeviceAuthorization {
  clientId: string;
  scope: string;
  userCode: string;
  expiresAt: number;
  /** Set when the user signed in at the verification page and confirmed, or declined. */
  outcome?: { approved: true; userId: string } | { approved: false };
}

// RFC 8628 §6.1: a user code from a restricted alphabet (no vowels, no look-alikes) is easy to type and read.
const ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export class DeviceCodes {
  private byDeviceCode = new Map<string, DeviceAuthorization>();

  constructor(readonly settings: { lifetimeSeconds: number; intervalSeconds: number }) {}

  start(clientId: string, scope: string): { deviceCode: string; authorization: DeviceAuthorization } {
    const deviceCode = randomToken(64);
    const userCode = Array.from({ length: 9 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const authorization = { clientId, scope, userCode, expiresAt: Date.now() + this.settings.lifetimeSeconds * 1000 };
    this.byDeviceCode.set(deviceCode, authorization);
    return { deviceCode, authorization };
  }

  /** The pending sign-in a user code names (case and separators ignored, as people type them), expired or not. */
  byUserCode(typed: string): DeviceAuthorization | undefined {
    const code = typed.toUpperCase().replace(/[^A-Z]/g, '');
    return [...this.byDeviceCode.values()].find((a) => a.userCode === code);
  }

  find(deviceCode: string): DeviceAuthorization | undefined {
    return this.byDeviceCode.get(deviceCode);
  }

  /** Redeems a confirmed device code once. */
  redeem(deviceCode: string): void {
    this.byDeviceCode.delete(deviceCode);
  }
}
