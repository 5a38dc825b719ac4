import type { ApimParameter, ApimRepresentation } from '@/lib/azure/apim/types';
import type { EntraAppRole } from '@/lib/azure/graph/types';
import type { OperationAccess } from '@/lib/policy/role-requirements';

/** What the index says about an API's token checks, summarised over all its operations. */
export interface ApiAccessSummary {
  /** Every operation validates a token (some = 'partial'). */
  tokenValidation: 'all' | 'partial' | 'none';
  audiences: string[];
  issuers: string[];
  openIdConfigUrls: string[];
  /** Roles any operation requires. */
  roles: string[];
  unknowns: string[];
}

export interface CatalogProductRef {
  id: string;
  displayName: string;
}

export interface IndexedOperation {
  id: string;
  displayName: string;
  method: string;
  urlTemplate: string;
  description: string;
  tag: string | null;
  parameters: ApimParameter[];
  representations: ApimRepresentation[];
  access: OperationAccess;
}

/** App roles are stored as Roleport reshapes them from Graph. */
export type IndexedAppRole = EntraAppRole;

export interface GroupHolding {
  groupId: string;
  groupName: string;
  roleId: string;
}

export interface IndexedApp {
  appId: string;
  objectId: string;
  servicePrincipalId: string | null;
  displayName: string;
  identifierUris: string[];
  tokenVersion: 1 | 2;
  appRoles: IndexedAppRole[];
  owners: { id: string; displayName: string; userPrincipalName?: string }[];
  /** Groups the app's roles are assigned to, so a member's group-held roles need no extra Graph call. */
  groupHoldings: GroupHolding[];
}

/** Which version of a versioned API this is, and how a caller names it (APIM version sets). */
export interface ApiVersionInfo {
  setId: string;
  setName: string;
  scheme: 'Segment' | 'Query' | 'Header';
  /** The query parameter (Query) or header (Header) that carries the version; null for Segment. */
  selector: string | null;
  /** The version identifier; '' for the set's original version, called without one. */
  value: string;
}

export interface IndexedApi {
  id: string;
  displayName: string;
  description: string;
  path: string;
  gatewayBaseUrl: string;
  subscriptionRequired: boolean;
  products: CatalogProductRef[];
  operationCount: number;
  appId: string | null;
  appSource: 'policy' | 'override' | 'none';
  access: ApiAccessSummary;
  syncedAt: string;
  syncError: string | null;
  /** Set when the API is one version of a version set. */
  version?: ApiVersionInfo;
}
