// APIM users (REST spec 2024-05-01 `apimusers.json`): User_ListByService, User_Get, User_CreateOrUpdate (PUT, If-Match optional,
// 201 created / 200 updated), User_Update (PATCH, If-Match required), User_Delete (If-Match required, `deleteSubscriptions`).
// Body `UserCreateParameterProperties`: email, firstName, lastName required on create; `identities` [{provider, id}] as the
// developer portal writes them for Entra sign-ins (provider `aad`, id = the user's object id); `state` active | blocked | pending.
import { findKey } from '../apim/state';
import type { ApimUserRecord } from '../apim/types';
import { userEnvelope, userScalars } from './arm-envelopes';
import { FIXED_ETAG, methodNotAllowed, readJson, requireIfMatch, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';

const USER_FIELDS = ['name', 'firstName', 'lastName', 'email', 'state', 'registrationDate', 'note'] as const;
const USER_STATES: ApimUserRecord['state'][] = ['active', 'blocked', 'pending', 'deleted'];
// User ids follow the entity-id rule of the spec (`UserIdParameter`: 1–80 characters, no `*#&+:<>?`).
const USER_ID = /^[^*#&+:<>?]{1,80}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const userFields = (u: ApimUserRecord) => ({ name: u.id, ...userScalars(u) });

const ok = (r: ArmRequest, user: ApimUserRecord, status = 200): ArmResult => ({
  status,
  body: userEnvelope(r.state.service, user),
  headers: { ETag: `"${FIXED_ETAG}"` },
});

function text(p: Record<string, unknown>, name: string, fallback: string | undefined): string | undefined {
  const value = p[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new ArmError(400, 'ValidationError', `'${name}' must be a string.`);
  return value;
}

function identitiesOf(p: Record<string, unknown>, fallback: ApimUserRecord['identities']): ApimUserRecord['identities'] {
  if (p.identities === undefined) return fallback;
  if (!Array.isArray(p.identities)) throw new ArmError(400, 'ValidationError', "'identities' must be an array.");
  return p.identities.map((i: unknown) => {
    const item = (i ?? {}) as Record<string, unknown>;
    if (typeof item.provider !== 'string' || typeof item.id !== 'string' || !item.provider || !item.id)
      throw new ArmError(400, 'ValidationError', "Each identity needs a 'provider' and an 'id'.");
    return { provider: item.provider, id: item.id };
  });
}

/** Merges a PUT or PATCH body over the existing user (if any) and checks what APIM checks. */
function merged(r: ArmRequest, id: string, p: Record<string, unknown>, existing: ApimUserRecord | undefined): ApimUserRecord {
  const email = text(p, 'email', existing?.email);
  const firstName = text(p, 'firstName', existing?.firstName);
  const lastName = text(p, 'lastName', existing?.lastName);
  if (!email || !EMAIL.test(email)) throw new ArmError(400, 'ValidationError', "'email' is required and must be an email address.");
  if (!firstName || firstName.length > 100) throw new ArmError(400, 'ValidationError', "'firstName' is required (1–100 characters).");
  if (!lastName || lastName.length > 100) throw new ArmError(400, 'ValidationError', "'lastName' is required (1–100 characters).");
  // Email identifies a developer in the portal: a second user with the same address is refused.
  for (const other of r.state.users.values())
    if (other.id !== existing?.id && other.email.toLowerCase() === email.toLowerCase())
      throw new ArmError(409, 'Conflict', `Email '${email}' already exists.`);
  const state = (text(p, 'state', existing?.state) ?? 'active') as ApimUserRecord['state'];
  if (!USER_STATES.includes(state)) throw new ArmError(400, 'ValidationError', `User state '${state}' is not valid.`);
  return {
    id: existing?.id ?? id,
    firstName,
    lastName,
    email,
    state,
    registrationDate: existing?.registrationDate ?? new Date().toISOString(),
    identities: identitiesOf(p, existing?.identities ?? [{ provider: 'Basic', id: email }]),
  };
}

/** `users` and `users/{id}`; `users/{id}/subscriptions` is answered with the subscriptions. */
export async function handleUsers(r: ArmRequest): Promise<ArmResult | undefined> {
  const n = r.segments.length;
  if (n === 1) {
    if (r.method !== 'GET') throw methodNotAllowed(r);
    const page = pageOf([...r.state.users.values()], { url: r.url, origin: r.origin }, { fields: userFields, filterable: USER_FIELDS });
    return {
      status: 200,
      body: { value: page.value.map((u) => userEnvelope(r.state.service, u)), count: page.count, nextLink: page.nextLink },
    };
  }
  if (n !== 2) return undefined;
  const id = r.segments[1] as string;
  const key = findKey(r.state.users, id);
  const existing = key === undefined ? undefined : r.state.users.get(key);
  if (r.method === 'PUT') {
    if (!USER_ID.test(id)) throw new ArmError(400, 'ValidationError', `User id '${id}' is not valid.`);
    const body = await readJson(r);
    const user = merged(r, id, (body.properties ?? {}) as Record<string, unknown>, existing);
    r.state.users.set(user.id, user);
    return ok(r, user, existing ? 200 : 201);
  }
  if (!existing) throw new ArmError(404, 'ResourceNotFound', 'User not found.');
  if (r.method === 'GET') return ok(r, existing);
  if (r.method === 'PATCH') {
    requireIfMatch(r);
    const body = await readJson(r);
    const user = merged(r, existing.id, (body.properties ?? {}) as Record<string, unknown>, existing);
    r.state.users.set(user.id, user);
    return ok(r, user);
  }
  if (r.method === 'DELETE') {
    requireIfMatch(r);
    const owner = `/users/${existing.id}`.toLowerCase();
    const owned = [...r.state.subscriptions.values()].filter((s) => s.ownerId?.toLowerCase() === owner);
    if (owned.length > 0 && r.url.searchParams.get('deleteSubscriptions') !== 'true')
      throw new ArmError(409, 'Conflict', 'The user has subscriptions; pass deleteSubscriptions=true to delete them with the user.');
    for (const s of owned) r.state.subscriptions.delete(s.id);
    r.state.users.delete(existing.id);
    return { status: 200 };
  }
  throw methodNotAllowed(r);
}
