/** Roleport's own shapes of what it reads from API Management; vendor types stay inside lib/azure/apim. */
export interface ApimProduct {
  id: string;
  displayName: string;
  description: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  state: 'published' | 'notPublished';
  /** Terms of use a developer accepts when subscribing ('' when none). */
  terms: string;
  /** How many subscriptions one developer may hold at once; null when unlimited. */
  subscriptionsLimit: number | null;
}

export type ApimSubscriptionState = 'suspended' | 'active' | 'expired' | 'submitted' | 'rejected' | 'cancelled';

/** A subscription as ARM lists it, ids service-relative. Keys are never part of it (they come from listSecrets only). */
export interface ApimSubscription {
  id: string;
  /** `/products/{id}`, `/apis/{id}` or `/apis`. */
  scope: string;
  productId: string | null;
  /** The owner's APIM user id, or null for a subscription without an owner. */
  userId: string | null;
  displayName: string;
  state: ApimSubscriptionState;
  createdDate: string | null;
}

/** An APIM user with the Entra object id of its `aad` identity, when it has one. */
export interface ApimUser {
  id: string;
  email: string;
  state: 'active' | 'blocked' | 'pending' | 'deleted';
  aadObjectId: string | null;
}

export interface ApimApi {
  id: string;
  displayName: string;
  description: string;
  path: string;
  serviceUrl: string;
  subscriptionRequired: boolean;
  subscriptionKeyHeader: string;
  subscriptionKeyQuery: string;
  isCurrent: boolean;
  /** The version identifier within its version set; '' for an unversioned API or a set's original version. */
  apiVersion: string;
  /** The version set's name (the last segment of `apiVersionSetId`), or null for an unversioned API. */
  versionSetId: string | null;
}

/** An APIM version set: how callers choose one version of an API. */
export interface ApimVersionSet {
  id: string;
  displayName: string;
  scheme: 'Segment' | 'Query' | 'Header';
  /** The query parameter (Query scheme) or header (Header scheme) that carries the version. */
  queryName: string | null;
  headerName: string | null;
}

export interface ApimParameter {
  name: string;
  in: 'template' | 'query' | 'header';
  type: string;
  required: boolean;
  description: string;
  defaultValue?: string;
  values: string[];
}

export interface ApimRepresentation {
  contentType: string;
  example?: string;
  /** The API schema and the type in it that describe the body (APIM's representation `schemaId` and `typeName`). */
  schemaId?: string;
  typeName?: string;
  /** The example was made from the schema type, the API declaring none. */
  exampleFromSchema?: boolean;
}

/** One schema of an API: its JSON type definitions by name (empty for XML, WADL, gRPC and other schemas). */
export interface ApimSchema {
  id: string;
  contentType: string;
  definitions: Record<string, unknown>;
}

export interface ApimOperation {
  id: string;
  displayName: string;
  method: string;
  urlTemplate: string;
  description: string;
  parameters: ApimParameter[];
  representations: ApimRepresentation[];
}

export interface ApimPolicy {
  xml: string;
  etag?: string;
}
