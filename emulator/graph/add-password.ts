import { randomBytes } from 'node:crypto';
import type { DirectoryApplication } from '../directory/types';
import { newGuid } from '../http/ids';
import { readObject, sendEntity, type GraphCall } from './graph-call';
import { badRequest } from './graph-errors';

const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/**
 * POST /applications/{id}/addPassword (api-reference/v1.0/api/application-addpassword.md): Entra generates the secret;
 * the response is the only place `secretText` ever appears (later reads show only its `hint`). Default lifetime two years.
 */
export async function addPassword(call: GraphCall, app: DirectoryApplication) {
  const body = await readObject(call);
  const input = (body.passwordCredential ?? {}) as Record<string, unknown>;
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw badRequest("Invalid value specified for property 'passwordCredential'.");
  const start = new Date();
  let end = new Date(start.getTime() + TWO_YEARS_MS);
  if (input.endDateTime !== undefined) {
    end = new Date(String(input.endDateTime));
    if (Number.isNaN(end.getTime()) || end <= start) throw badRequest("Invalid value specified for property 'endDateTime'.");
  }
  // Entra's secrets are 40 characters: a three-character hint, then the rest, with `~` and `.` among the symbols.
  const secretText = `${randomBytes(30).toString('base64url').slice(0, 3)}8Q~${randomBytes(30).toString('base64url').slice(0, 34)}`;
  const credential = {
    keyId: newGuid(),
    displayName: typeof input.displayName === 'string' ? input.displayName : '',
    hint: secretText.slice(0, 3),
    secretText,
    endDateTime: end.toISOString(),
  };
  app.passwordCredentials.push(credential);
  return sendEntity(
    call,
    {
      customKeyIdentifier: null,
      displayName: credential.displayName,
      endDateTime: credential.endDateTime,
      hint: credential.hint,
      keyId: credential.keyId,
      secretText,
      startDateTime: start.toISOString(),
    },
    'microsoft.graph.passwordCredential',
    'passwordCredential',
  );
}
