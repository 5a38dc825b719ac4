import 'server-only';
import { and, atomKey, not, or, toCnf, type Clause, type Formula } from './boolean-formula';
import { SCOPE_LABEL, type EffectiveStep } from './effective-chain';
import { parseRoleCondition } from './parse-role-condition';
import type { PolicyElement } from './policy-types';

// A `<choose>` runs the first `<when>` whose condition holds, else `<otherwise>`. Roleport cares only about branches
// that refuse the call (a 401/403 response); the call gets through when the branch taken is not one of those.

type Outcome = { kind: 'deny'; status: number } | { kind: 'pass' } | { kind: 'complex'; element: string };

const DENY_CODES = new Set([401, 403]);
/** Statements that can refuse a call in ways a branch-level reading cannot capture. */
export const ACCESS_ELEMENTS = new Set([
  'validate-jwt',
  'validate-azure-ad-token',
  'ip-filter',
  'check-header',
  'validate-client-certificate',
  'include-fragment',
]);

const childElements = (e: PolicyElement) => e.children.filter((c): c is PolicyElement => c.kind === 'element');

export function statusOf(returnResponse: PolicyElement): number {
  const setStatus = childElements(returnResponse).find((c) => c.name === 'set-status');
  return Number.parseInt(setStatus?.attributes.code ?? '200', 10);
}

function containsAccessCheck(element: PolicyElement): string | null {
  for (const child of childElements(element)) {
    if (ACCESS_ELEMENTS.has(child.name)) return child.name;
    if (child.name === 'return-response' && DENY_CODES.has(statusOf(child))) return 'return-response';
    const nested = containsAccessCheck(child);
    if (nested) return nested;
  }
  return null;
}

function outcomeOf(branch: PolicyElement): Outcome {
  for (const child of childElements(branch)) {
    if (child.name === 'return-response' && DENY_CODES.has(statusOf(child))) return { kind: 'deny', status: statusOf(child) };
    const code = Number.parseInt(child.attributes.code ?? '', 10);
    if (child.name === 'set-status' && DENY_CODES.has(code)) return { kind: 'deny', status: code };
  }
  const nested = containsAccessCheck(branch);
  return nested ? { kind: 'complex', element: nested } : { kind: 'pass' };
}

export interface ChooseReading {
  /** Clauses the call must satisfy; empty when the choose never refuses. */
  clauses: Clause[];
  notes: string[];
}

export function analyzeChoose(step: EffectiveStep): ChooseReading {
  const where = `A <choose> at ${SCOPE_LABEL[step.scope]} scope`;
  const branches = childElements(step.element)
    .filter((b) => b.name === 'when' || b.name === 'otherwise')
    .map((b) => ({
      condition: b.name === 'when' ? parseRoleCondition(b.attributes.condition ?? '') : ({ op: 'const', value: true } as Formula),
      outcome: outcomeOf(b),
    }));
  const complex = branches.find((b) => b.outcome.kind === 'complex');
  if (complex?.outcome.kind === 'complex') {
    return { clauses: [], notes: [`${where} runs <${complex.outcome.element}> only under a condition; Roleport does not interpret that.`] };
  }
  const statuses = [...new Set(branches.flatMap((b) => (b.outcome.kind === 'deny' ? [b.outcome.status] : [])))];
  if (statuses.length === 0) return { clauses: [], notes: [] };
  // The call passes when it takes a non-refusing branch (or falls through a choose without <otherwise>).
  const passes: Formula[] = [];
  const earlier: Formula[] = [];
  for (const branch of branches) {
    if (branch.outcome.kind === 'pass') passes.push(and(branch.condition, ...earlier.map(not)));
    earlier.push(branch.condition);
  }
  const hasOtherwise = childElements(step.element).some((b) => b.name === 'otherwise');
  if (!hasOtherwise) passes.push(and(...earlier.map(not)));
  const cnf = toCnf(or(...passes));
  const refusal = `${where} refuses calls (${statuses.join('/')})`;
  if (!cnf) return { clauses: [], notes: [`${refusal} under a condition too large for Roleport to read.`] };
  return splitClauses(cnf, refusal);
}

function splitClauses(cnf: Clause[], refusal: string): ChooseReading {
  const clauses: Clause[] = [];
  const notes: string[] = [];
  for (const clause of cnf) {
    const opaque = clause.filter((l) => l.atom.kind === 'opaque');
    const negatedRoles = clause.filter((l) => l.atom.kind === 'role' && l.negated);
    if (clause.length === 0) notes.push(`${refusal} for every caller.`);
    else if (opaque.length > 0) {
      const texts = [...new Set(opaque.map((l) => (l.atom.kind === 'opaque' ? l.atom.text : '')))];
      notes.push(`${refusal} depending on conditions Roleport cannot interpret: ${texts.join('; ')}`);
    } else if (negatedRoles.length > 0) {
      notes.push(
        `${refusal} to callers holding ${negatedRoles.map((l) => atomKey(l.atom).slice(5)).join(' and ')} unless other roles allow.`,
      );
    } else {
      clauses.push(clause);
      for (const l of clause) {
        if (l.atom.kind === 'role' && l.atom.substring) {
          notes.push(`${refusal} testing the roles claim as text: any role whose name contains "${l.atom.role}" also passes.`);
        }
      }
    }
  }
  return { clauses, notes };
}
