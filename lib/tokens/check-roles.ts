import 'server-only';
import { isAppOnlyToken } from './check-audience';
import { isoOf } from './check-lifetime';
import type { CheckInput, CheckOutcome, Diagnosis, RoleHeldOnApi } from './doctor-types';

/** roles against the operation's requirement (every set needs one of its values), explaining each gap from the directory's view. */
export function checkRoles(input: CheckInput, tokenIsForThisApi: boolean): CheckOutcome {
  const label = 'Roles (roles / scp)';
  const required = input.ctx.requiredRoles;
  const operation = input.ctx.operationName ?? 'This operation';
  if (required === undefined) return skip('No operation chosen, so there is no role requirement to check.');
  if (!tokenIsForThisApi)
    return skip('Not checked: the token is not for this API and tenant, so its roles say nothing about access to it.');
  const sets = required.filter((set) => set.length > 0);
  const tokenRoles = rolesOf(input);
  if (sets.length === 0) return pass(`${operation} requires no role.`);

  const missing = sets.filter((set) => !set.some((role) => tokenRoles.includes(role)));
  if (missing.length === 0) {
    const used = sets.map((set) => set.find((role) => tokenRoles.includes(role))).join(', ');
    return pass(`The token has ${used}, which ${operation} requires.`);
  }
  const detail = `${operation} requires ${sets.map(describeSet).join(' and ')}; ${describeTokenRoles(input, tokenRoles)}`;
  const diagnoses = missing.map((set) => explainMissing(input, set, tokenRoles));
  return { checks: [{ id: 'roles', label, status: 'fail', detail, fix: diagnoses[0]?.fix }], diagnoses };

  function skip(detail: string): CheckOutcome {
    return { checks: [{ id: 'roles', label, status: 'skip', detail }], diagnoses: [] };
  }
  function pass(detail: string): CheckOutcome {
    return { checks: [{ id: 'roles', label, status: 'pass', detail }], diagnoses: [] };
  }
}

function explainMissing(input: CheckInput, set: string[], tokenRoles: string[]): Diagnosis {
  const { ctx, claims } = input;
  const api = ctx.api?.displayName ?? 'the API';
  const operation = ctx.operationName ?? 'This operation';
  const base = { anyOfRoles: set };
  if (isAppOnlyToken(claims)) {
    const app = String(claims.azp ?? claims.appid ?? 'the calling application');
    return {
      ...base,
      code: 'missing-role',
      requestForApp: app,
      title: `The application lacks ${describeSet(set)}`,
      explanation: `This is an app-only token (client credentials or a managed identity): its roles are the app roles assigned to ${app}'s service principal on ${api}, not a user's roles. ${operation} requires ${describeSet(set)}; ${describeTokenRoles(input, tokenRoles)}`,
      fix: `As an owner of the application, request ${set[0]} for it in Roleport ("Request for this app"); once it is granted, get a new client-credentials token.`,
    };
  }
  const held = (ctx.heldRoles ?? []).filter((h) => set.includes(h.value));
  const direct = held.find((h) => h.via === 'direct');
  const viaGroup = held.find((h) => h.via === 'group');
  const issuedAt = typeof claims.iat === 'number' ? claims.iat : undefined;
  if (direct && (grantedAfter(direct, issuedAt) ?? true)) return assignedAfterToken(direct, issuedAt, set);
  if (!direct && viaGroup) {
    if (grantedAfter(viaGroup, issuedAt)) return assignedAfterToken(viaGroup, issuedAt, set);
    const group = viaGroup.groupName ? `the group "${viaGroup.groupName}"` : 'a group';
    return {
      ...base,
      code: 'role-via-group-no-claim',
      requestRole: viaGroup.value,
      title: `You hold ${viaGroup.value} through ${group}, but the token does not carry it`,
      explanation:
        `The directory shows ${viaGroup.value} assigned to ${group}, and you are in it. Entra puts a role granted to a group into the roles claim only for direct members of that group ` +
        '(membership through a nested group does not count), and only in tokens issued after you joined; assigning app roles to groups also needs Microsoft Entra ID P1 or P2. ' +
        'Group claims (the groups claim) are something else: the gateway checks roles, so adding group claims to the token would not help.',
      fix: `Get a new token first (sign in again, or let the console request a fresh one). If ${viaGroup.value} is still missing, ask to be added to ${group} directly rather than through a nested group, or request a direct assignment of ${viaGroup.value}.`,
    };
  }
  if (direct) {
    return {
      ...base,
      code: 'missing-role',
      title: `${direct.value} is assigned to you but missing from the token`,
      explanation: `The directory shows ${direct.value} assigned to you since ${direct.assignedAt}, before this token was issued, yet the token does not carry it. The assignment may be on another app registration than the one this token was issued for.`,
      fix: `Get a new token for ${api}; if the role is still missing, ask an admin to check the assignment of ${direct.value} on ${api}.`,
    };
  }
  return {
    ...base,
    code: 'missing-role',
    requestRole: set[0],
    title: `Missing role: ${describeSet(set)}`,
    explanation: `${operation} requires ${describeSet(set)}; ${describeTokenRoles(input, tokenRoles)} The gateway refuses the call with 403.`,
    fix: `Request ${set[0]}${set.length > 1 ? ` (or ${set.slice(1).join(' or ')})` : ''} on ${api} in Roleport; once it is granted, get a new token.`,
  };
}

function assignedAfterToken(held: RoleHeldOnApi, issuedAt: number | undefined, set: string[]): Diagnosis {
  const how = held.via === 'group' ? ` through ${held.groupName ? `the group "${held.groupName}"` : 'a group'}` : '';
  const when = held.assignedAt ? ` on ${held.assignedAt}` : '';
  const issued = issuedAt === undefined ? 'before that' : `at ${isoOf(issuedAt)}`;
  return {
    code: 'role-assigned-after-token',
    anyOfRoles: set,
    title: `${held.value} was granted after this token was issued`,
    explanation: `You were given ${held.value}${how}${when}, but this token was issued ${issued}. Entra writes roles into a token when it issues it, so an older token never shows a new role.`,
    fix: 'Get a new token: sign in again, or let the console request a fresh one (a cached token keeps its old roles until it expires).',
  };
}

/** true/false when both times are known; undefined when the assignment time or iat is missing. */
function grantedAfter(held: RoleHeldOnApi, issuedAt: number | undefined): boolean | undefined {
  const at = held.assignedAt ? Date.parse(held.assignedAt) : NaN;
  if (Number.isNaN(at) || issuedAt === undefined) return undefined;
  return at / 1000 > issuedAt;
}

function rolesOf(input: CheckInput): string[] {
  const roles = input.claims.roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}

function describeTokenRoles(input: CheckInput, tokenRoles: string[]): string {
  const scp = typeof input.claims.scp === 'string' ? input.claims.scp.trim() : '';
  const scopes = scp ? ` It has the scopes ${scp.split(/\s+/).join(', ')}, but the gateway checks roles, not scopes.` : '';
  if (input.claims.roles === undefined)
    return `the token has no roles claim at all (Entra leaves it out when no role on this API is granted).${scopes}`;
  return `the token has ${tokenRoles.length > 0 ? tokenRoles.join(', ') : 'no roles'}.${scopes}`;
}

function describeSet(set: string[]): string {
  return set.length === 1 ? String(set[0]) : `one of ${set.join(', ')}`;
}
