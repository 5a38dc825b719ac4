import 'server-only';
import { analyzeChoose, statusOf } from './analyze-choose';
import { SCOPE_LABEL, type EffectiveSection } from './effective-chain';
import { namedValuesIn } from './named-values';
import type { PolicyElement } from './policy-types';
import { readValidateAzureAdToken } from './read-validate-azure-ad-token';
import type { JwtValidation } from './jwt-validation';
import { readValidateJwt } from './read-validate-jwt';

export type { JwtValidation, RequiredClaim, TokenSource } from './jwt-validation';

/** What an operation's effective inbound policy asks of a caller's token. Stored as JSON in the catalog index. */
export interface OperationAccess {
  validatesToken: boolean;
  validations: JwtValidation[];
  /** AND of OR-sets: the caller needs at least one role from every set. Sorted, deduplicated, minimal. */
  requiredRoles: string[][];
  /** Things that may affect access and that Roleport cannot interpret; shown, never guessed at. */
  unknowns: string[];
}

export interface DeriveOptions {
  /** APIM named values by name, used to resolve `{{name}}` placeholders. */
  namedValues?: Readonly<Record<string, string>>;
  /** Policy fragments by id (XML as ARM returns it), so `<include-fragment>` is read as the statements it inserts. */
  fragments?: Readonly<Record<string, string>>;
}

const STANDALONE_CHECKS: Record<string, string> = {
  'ip-filter': 'filters callers by IP address',
  'check-header': 'requires a request header (check-header)',
  'validate-client-certificate': 'requires a client certificate',
  'include-fragment': 'includes a policy fragment whose statements Roleport cannot see',
};

/** Sorted, deduplicated sets with supersets of other sets dropped (A ∧ (A ∨ B) = A). */
export function normalizeRequiredRoles(sets: readonly (readonly string[])[]): string[][] {
  const sorted = sets.map((set) => [...new Set(set)].sort());
  const unique = [...new Map(sorted.map((set) => [JSON.stringify(set), set])).values()];
  const minimal = unique.filter(
    (set) => !unique.some((other) => other !== set && other.length < set.length && other.every((r) => set.includes(r))),
  );
  return minimal.sort((a, b) => a.length - b.length || a.join('\u0000').localeCompare(b.join('\u0000')));
}

// A set holding a value computed by an expression cannot be read; readValidateJwt already reported it.
const readable = (set: string[]) => !set.some((role) => /^@[({]/.test(role.trim()));

function rolesFromValidation(validation: JwtValidation): string[][] {
  return validation.requiredClaims
    .filter((claim) => claim.name === 'roles')
    .flatMap((claim) => (claim.match === 'any' ? [claim.values] : claim.values.map((value) => [value])))
    .filter(readable);
}

export function deriveOperationAccess(inbound: EffectiveSection, options: DeriveOptions = {}): OperationAccess {
  const validations: JwtValidation[] = [];
  const sets: string[][] = [];
  const unknowns = [...inbound.notes];
  for (const step of inbound.steps) {
    const element: PolicyElement = step.element;
    const where = `The ${SCOPE_LABEL[step.scope]} policy`;
    if (element.name === 'validate-jwt' || element.name === 'validate-azure-ad-token') {
      const read = element.name === 'validate-jwt' ? readValidateJwt : readValidateAzureAdToken;
      const { validation, notes } = read(step, options.namedValues);
      validations.push(validation);
      sets.push(...rolesFromValidation(validation));
      unknowns.push(...notes);
      // Unresolved names in URLs and audiences stay on the validation; in a roles claim they change who gets in.
      for (const name of namedValuesIn(rolesFromValidation(validation).flat().join(' '))) {
        unknowns.push(`${where} requires the role named by {{${name}}}, whose value is unknown.`);
      }
    } else if (element.name === 'choose') {
      const reading = analyzeChoose(step);
      sets.push(...reading.clauses.map((clause) => clause.flatMap((l) => (l.atom.kind === 'role' ? [l.atom.role] : []))));
      unknowns.push(...reading.notes);
    } else if (element.name === 'return-response') {
      unknowns.push(`${where} answers every call itself with status ${statusOf(element)}; statements after it never run.`);
    } else if (STANDALONE_CHECKS[element.name]) {
      unknowns.push(`${where} ${STANDALONE_CHECKS[element.name]}.`);
    }
  }
  return {
    validatesToken: validations.length > 0,
    validations,
    requiredRoles: normalizeRequiredRoles(sets.filter((set) => set.length > 0)),
    unknowns: [...new Set(unknowns)],
  };
}

/** True when the held roles meet every required set (roles compare exactly, as the gateway compares them). */
export function allows(
  requirement: Pick<OperationAccess, 'requiredRoles'> | readonly (readonly string[])[],
  heldRoles: readonly string[],
): boolean {
  const sets = 'requiredRoles' in requirement ? requirement.requiredRoles : requirement;
  const held = new Set(heldRoles);
  return sets.every((set) => set.some((role) => held.has(role)));
}

/** Every role the operation's policy names, sorted. */
export function rolesMentioned(access: Pick<OperationAccess, 'requiredRoles' | 'validations'>): string[] {
  const fromClaims = access.validations.flatMap((v) => v.requiredClaims.filter((c) => c.name === 'roles').flatMap((c) => c.values));
  return [...new Set([...access.requiredRoles.flat(), ...fromClaims])].sort();
}
