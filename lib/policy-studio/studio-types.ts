// Shapes the policy studio hands to its pages and client components (no server-only imports).

/** Operation id → the app roles (any one of them) Roleport's block requires; an empty list means no role check. */
export type RoleMap = Record<string, string[]>;

/** 'api' or 'operation:<operationId>', as stored in policy_version.scope. */
export type StudioScope = string;

export interface DiffRow {
  kind: 'same' | 'added' | 'removed' | 'changed';
  left?: string;
  right?: string;
}

export interface ScopeChangeView {
  scope: StudioScope;
  label: string;
  /** ETag of the policy the preview was built from; null when the scope had no policy. */
  etag: string | null;
  rows: DiffRow[];
  /** Why this scope changes. */
  reason: string;
  /** Roles the operation would require after the change (AND of OR-sets), for operation scopes. */
  requiredAfter?: string[][];
}

export interface PolicyPreview {
  changes: ScopeChangeView[];
  /** Every scope the plan reads, with the ETag it was read at; Apply sends them back. */
  etags: Record<StudioScope, string | null>;
  notes: string[];
}

export interface ApplyOutcome {
  batchId: string | null;
  written: StudioScope[];
  /** The scope whose write failed, and why; scopes after it were not written. */
  failed?: { scope: StudioScope; message: string; conflict: boolean };
}

export interface UserAccessRow {
  operationId: string;
  current: boolean;
  proposed: boolean;
}

export interface UserAccessPreview {
  user: { id: string; displayName: string; userPrincipalName?: string };
  roles: { value: string; via: string }[];
  rows: UserAccessRow[];
}

export const apiScope = (): StudioScope => 'api';
export const operationScope = (operationId: string): StudioScope => `operation:${operationId}`;
export function operationIdOf(scope: StudioScope): string | null {
  return scope.startsWith('operation:') ? scope.slice('operation:'.length) : null;
}
