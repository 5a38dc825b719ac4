import 'server-only';

/** A condition's smallest part: a test of the `roles` claim, or something Roleport does not interpret. */
export type Atom = { kind: 'role'; role: string; substring: boolean } | { kind: 'opaque'; text: string };

export type Formula =
  | { op: 'atom'; atom: Atom }
  | { op: 'const'; value: boolean }
  | { op: 'not'; operand: Formula }
  | { op: 'and' | 'or'; operands: Formula[] };

export interface Literal {
  atom: Atom;
  negated: boolean;
}
/** A disjunction of literals; an empty clause is false. */
export type Clause = Literal[];

export const atom = (a: Atom): Formula => ({ op: 'atom', atom: a });
export const not = (operand: Formula): Formula => ({ op: 'not', operand });
export const and = (...operands: Formula[]): Formula => ({ op: 'and', operands });
export const or = (...operands: Formula[]): Formula => ({ op: 'or', operands });

// Policy conditions are a handful of atoms; past this many clauses the condition is treated as uninterpretable.
const MAX_CLAUSES = 256;

export function atomKey(a: Atom): string {
  return a.kind === 'role' ? `role:${a.role}` : `opaque:${a.text}`;
}

function literalKey(l: Literal): string {
  return `${l.negated ? '!' : ''}${atomKey(l.atom)}`;
}

function normaliseClause(clause: Clause): Clause | 'true' {
  const byKey = new Map<string, Literal>();
  for (const literal of clause) byKey.set(literalKey(literal), literal);
  for (const literal of byKey.values()) if (!literal.negated && byKey.has(`!${atomKey(literal.atom)}`)) return 'true';
  return [...byKey.values()].sort((a, b) => literalKey(a).localeCompare(literalKey(b)));
}

/** Conjunctive normal form (AND of clauses); [] means true. Null when the expansion grows too large. */
export function toCnf(formula: Formula, negate = false): Clause[] | null {
  let clauses: Clause[] | null;
  switch (formula.op) {
    case 'atom':
      return [[{ atom: formula.atom, negated: negate }]];
    case 'const':
      return formula.value !== negate ? [] : [[]];
    case 'not':
      return toCnf(formula.operand, !negate);
    default: {
      const conjunctive = (formula.op === 'and') !== negate;
      const parts = formula.operands.map((operand) => toCnf(operand, negate));
      if (parts.some((part) => part === null)) return null;
      const cnfs = parts as Clause[][];
      if (conjunctive) clauses = cnfs.flat();
      else {
        clauses = [[]];
        for (const part of cnfs) {
          clauses = clauses.flatMap((left) => part.map((right) => [...left, ...right]));
          if (clauses.length > MAX_CLAUSES) return null;
        }
      }
    }
  }
  const seen = new Map<string, Clause>();
  for (const clause of clauses) {
    const normal = normaliseClause(clause);
    if (normal !== 'true') seen.set(normal.map(literalKey).join('|'), normal);
  }
  return seen.size > MAX_CLAUSES ? null : [...seen.values()];
}
