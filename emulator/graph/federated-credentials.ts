import type { DirectoryApplication, FederatedIdentityCredential } from '../directory/types';
import { newGuid } from '../http/ids';
import { readObject, sendEntity, sendList, type GraphCall } from './graph-call';
import { badRequest } from './graph-errors';

type Json = Record<string, unknown>;
const MAX_PER_APP = 20;

const json = (c: FederatedIdentityCredential): Json => ({
  id: c.id,
  name: c.name,
  issuer: c.issuer,
  subject: c.subject,
  description: c.description ?? null,
  audiences: [...c.audiences],
});

/** GET /applications/{id}/federatedIdentityCredentials (api-reference/v1.0/api/application-list-federatedidentitycredentials.md). */
export function listFederatedCredentials(call: GraphCall, app: DirectoryApplication) {
  const items = (app.federatedIdentityCredentials ?? []).map(json);
  const sample = items[0] ?? json({ id: '', name: '', issuer: '', subject: '', audiences: [] });
  return sendList(call, items, `applications('${app.id}')/federatedIdentityCredentials`, 'federatedIdentityCredential', sample);
}

function text(body: Json, name: string, max: number): string {
  const v = body[name];
  if (typeof v !== 'string' || v.trim() === '')
    throw badRequest(`Property '${name}' is required for resource 'federatedIdentityCredential'.`);
  if (v.length > max) throw badRequest(`Property '${name}' exceeds the maximum length of ${max} characters.`);
  return v;
}

/**
 * POST /applications/{id}/federatedIdentityCredentials (api-reference/v1.0/api/application-post-federatedidentitycredentials.md,
 * resources/federatedidentitycredential.md): name (unique per app, ≤ 120 characters), issuer, subject and exactly one
 * audience are required; the issuer and subject pair is unique per app; at most 20 per application. 201 with the object.
 */
export async function addFederatedCredential(call: GraphCall, app: DirectoryApplication) {
  const body = await readObject(call);
  const name = text(body, 'name', 120);
  const issuer = text(body, 'issuer', 600);
  const subject = text(body, 'subject', 600);
  const audiences = body.audiences;
  if (!Array.isArray(audiences) || audiences.length !== 1 || typeof audiences[0] !== 'string' || audiences[0] === '')
    throw badRequest("Property 'audiences' must hold exactly one value for resource 'federatedIdentityCredential'.");
  const existing = (app.federatedIdentityCredentials ??= []);
  if (existing.some((c) => c.name.toLowerCase() === name.toLowerCase()))
    throw badRequest(`FederatedIdentityCredential with name ${name} already exists.`);
  if (existing.some((c) => c.issuer === issuer && c.subject === subject))
    throw badRequest(`FederatedIdentityCredential with the same issuer and subject already exists.`);
  if (existing.length >= MAX_PER_APP)
    throw badRequest(`The application already has the maximum of ${MAX_PER_APP} federated identity credentials.`);
  const credential: FederatedIdentityCredential = {
    id: newGuid(),
    name,
    issuer,
    subject,
    audiences: [audiences[0]],
    description: typeof body.description === 'string' ? body.description : undefined,
  };
  existing.push(credential);
  return sendEntity(call, json(credential), `applications('${app.id}')/federatedIdentityCredentials`, 'federatedIdentityCredential', 201);
}
