import 'server-only';
import type { Kysely } from 'kysely';
import { getHeldRoles, type HeldRole } from '@/lib/directory/held-roles';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { decodeJwt } from '@/lib/tokens/decode-jwt';
import { diagnoseToken } from '@/lib/tokens/diagnose-token';
import type { RequestAccessLink, TokenDiagnosis } from '@/lib/tokens/doctor-types';
import { buildDoctorContext, loadDoctorTarget, type DoctorTarget } from './doctor-context';

export interface UserDiagnosis {
  diagnosis: TokenDiagnosis;
  /** The token is the signed-in user's own, so the directory's view of their roles was used. */
  ownToken: boolean;
  requestAccess: RequestAccessLink[];
  target: { apiId: string; apiName: string; operationId?: string; operationName?: string } | null;
}

export type HeldRolesReader = (oid: string) => Promise<HeldRole[]>;

/** Reads the user's roles for the doctor; a Graph failure costs only the directory-based explanations. */
async function heldRolesOrNone(read: HeldRolesReader, oid: string): Promise<HeldRole[] | undefined> {
  try {
    return await read(oid);
  } catch (error) {
    console.error('[doctor] reading the user’s roles failed', error);
    return undefined;
  }
}

/**
 * "Request access" for the roles the diagnoses say to ask for: every role of the failed OR-set, in the app's own order
 * (registrations usually list the narrowest first), so the user can pick the least they need.
 */
export function requestAccessLinks(apiId: string, app: IndexedApp | null, diagnosis: TokenDiagnosis): RequestAccessLink[] {
  if (!app) return [];
  const wanted = new Set(diagnosis.diagnoses.flatMap((d) => (d.requestRole ? (d.anyOfRoles ?? [d.requestRole]) : [])));
  const forUser = app.appRoles
    .filter((role) => wanted.has(role.value) && role.isEnabled && role.allowedMemberTypes.includes('User'))
    .map((role) => ({ role: role.value, href: `/requests/new?api=${encodeURIComponent(apiId)}&role=${encodeURIComponent(role.id)}` }));
  // An app-only token: the role is requested for the calling application, among the roles applications can hold.
  const forApp = diagnosis.diagnoses.flatMap((d) => {
    const client = d.requestForApp;
    if (!client) return [];
    return app.appRoles
      .filter((role) => (d.anyOfRoles ?? []).includes(role.value) && role.isEnabled && role.allowedMemberTypes.includes('Application'))
      .map((role) => ({
        role: role.value,
        forApp: client,
        href: `/requests/new?${new URLSearchParams({ api: apiId, role: role.id, for: 'app', client })}`,
      }));
  });
  return [...forUser, ...forApp];
}

/** The doctor over a token for the signed-in user, against an API and operation from the index when given. */
export async function diagnoseForUser(
  database: Kysely<Database>,
  userOid: string,
  token: string,
  choice: { apiId?: string; operationId?: string },
  readHeldRoles: HeldRolesReader = getHeldRoles,
): Promise<UserDiagnosis> {
  let target: DoctorTarget | null = null;
  if (choice.apiId) {
    target = await loadDoctorTarget(database, choice.apiId, choice.operationId);
    if (!target) throw new UserFacingError(`There is no API "${choice.apiId}" in the catalog.`, 'not_found', 404);
    if (choice.operationId && !target.operation)
      throw new UserFacingError(`${target.api.displayName} has no operation "${choice.operationId}".`, 'not_found', 404);
  }
  const decoded = decodeJwt(token);
  const ownToken = decoded.ok && typeof decoded.claims.oid === 'string' && decoded.claims.oid.toLowerCase() === userOid.toLowerCase();
  const held = ownToken && target ? await heldRolesOrNone(readHeldRoles, userOid) : undefined;
  const diagnosis = await diagnoseToken(token, buildDoctorContext(target, held));
  return {
    diagnosis,
    ownToken,
    requestAccess: target ? requestAccessLinks(target.api.id, target.app, diagnosis) : [],
    target: target
      ? {
          apiId: target.api.id,
          apiName: target.api.displayName,
          ...(target.operation ? { operationId: target.operation.id, operationName: target.operation.displayName } : {}),
        }
      : null,
  };
}
