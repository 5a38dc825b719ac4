import { createHash, randomBytes, randomUUID } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function newGuid(): string {
  return randomUUID();
}

/** A GUID derived from a name, so seeded ids stay stable across runs. */
export function stableGuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Bytes of a GUID in Microsoft's mixed-endian layout (as Graph's assignment ids embed the principal id). */
export function guidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '');
  const b = Buffer.from(hex, 'hex');
  const swap = (s: number, e: number) => Buffer.from(b.subarray(s, e)).reverse();
  return Buffer.concat([swap(0, 4), swap(4, 6), swap(6, 8), b.subarray(8)]);
}
