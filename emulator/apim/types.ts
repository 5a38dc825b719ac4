// The emulated APIM service's in-memory model; the ARM surface reads and writes it, the gateway enforces it.

export interface ServiceInfo {
  /** Azure subscription (a GUID) and resource group that hold the service; they form its ARM id. */
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: { name: string; capacity: number };
  publisherName: string;
  publisherEmail: string;
  gatewayUrl: string;
  portalUrl: string;
  developerPortalUrl: string;
  managementApiUrl: string;
  scmUrl: string;
  createdAtUtc: string;
}

export interface ProductRecord {
  id: string;
  displayName: string;
  description: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  subscriptionsLimit?: number;
  state: 'published' | 'notPublished';
  terms: string;
}

export interface ApiRecord {
  id: string;
  displayName: string;
  description: string;
  path: string;
  protocols: string[];
  serviceUrl: string;
  subscriptionRequired: boolean;
  subscriptionKeyParameterNames: { header: string; query: string };
  apiRevision: string;
  isCurrent: boolean;
  type: 'http';
  tags: string[];
  /** The version identifier within its version set; '' (or absent) for the original version, called without one. */
  apiVersion?: string;
  /** The version set's id (service-relative name), when the API is one version of a versioned API. */
  apiVersionSetId?: string;
}

/** APIM's `apiVersionSets` entity: how callers choose among the versions of one API (REST 2024-05-01 `apimapiversionsets.json`). */
export interface ApiVersionSetRecord {
  id: string;
  displayName: string;
  description: string;
  versioningScheme: 'Segment' | 'Query' | 'Header';
  /** The query parameter that carries the version (Query scheme). */
  versionQueryName?: string;
  /** The header that carries the version (Header scheme). */
  versionHeaderName?: string;
}

export interface ParameterContract {
  name: string;
  description?: string;
  type: string;
  required: boolean;
  values: string[];
  defaultValue?: string;
}

export interface RepresentationContract {
  contentType: string;
  examples?: Record<string, { value: unknown; description?: string }>;
  /** The API schema and the type in it that describe the body (see ApiSchemaRecord). */
  schemaId?: string;
  typeName?: string;
}

export interface OperationRecord {
  id: string;
  apiId: string;
  displayName: string;
  method: string;
  urlTemplate: string;
  description: string;
  templateParameters: ParameterContract[];
  request: {
    description?: string;
    queryParameters: ParameterContract[];
    headers: ParameterContract[];
    representations: RepresentationContract[];
  };
  responses: { statusCode: number; description: string; representations: RepresentationContract[]; headers: ParameterContract[] }[];
  tags: string[];
}

/** A policy document as APIM keeps it: canonical, pretty-printed, XML-escaped text. */
export interface PolicyRecord {
  xml: string;
  etag: string;
}

export interface ApimUserRecord {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  state: 'active' | 'blocked' | 'pending' | 'deleted';
  registrationDate: string;
  identities: { provider: string; id: string }[];
}

export type SubscriptionState = 'suspended' | 'active' | 'expired' | 'submitted' | 'rejected' | 'cancelled';

export interface SubscriptionRecord {
  id: string;
  /** Service-relative id, e.g. `/users/ben`. */
  ownerId: string | null;
  /** Service-relative scope: `/products/{id}`, `/apis/{id}` or `/apis` (all APIs). */
  scope: string;
  displayName: string;
  state: SubscriptionState;
  primaryKey: string;
  secondaryKey: string;
  createdDate: string;
  startDate?: string;
  allowTracing: boolean;
}

/** Where a Key Vault-backed named value reads its secret, and how the last refresh went. */
export interface KeyVaultReference {
  secretIdentifier: string;
  identityClientId?: string;
  lastStatus: { code: string; timeStampUtc: string; message?: string };
}

export interface NamedValueRecord {
  id: string;
  displayName: string;
  /** For a Key Vault-backed value, the secret as last fetched (the gateway substitutes it). */
  value: string;
  secret: boolean;
  tags: string[];
  keyVault?: KeyVaultReference;
  etag: string;
}

/** A policy fragment as APIM keeps it: a `<fragment>` document, canonical and XML-escaped like a policy. */
export interface PolicyFragmentRecord {
  id: string;
  description: string;
  xml: string;
  etag: string;
}

/** Policy scopes, keyed like `global`, `product:{id}`, `api:{id}`, `operation:{apiId}/{opId}`. */
export type PolicyScopeKey = string;

/**
 * An API schema (Microsoft.ApiManagement/service/apis/schemas): a Swagger 2 schema keeps JSON types in
 * `document.definitions`, an OpenAPI 3 one in `document.components`; other kinds keep text in `document.value`.
 * https://learn.microsoft.com/azure/templates/microsoft.apimanagement/service/apis/schemas
 */
export interface ApiSchemaRecord {
  id: string;
  apiId: string;
  contentType: string;
  document: { definitions?: Record<string, unknown>; components?: Record<string, unknown>; value?: string };
}

export interface ApimState {
  service: ServiceInfo;
  products: Map<string, ProductRecord>;
  /** productId → ordered API ids. */
  productApis: Map<string, string[]>;
  apis: Map<string, ApiRecord>;
  apiVersionSets: Map<string, ApiVersionSetRecord>;
  /** apiId → (operationId → operation), in insertion order. */
  operations: Map<string, Map<string, OperationRecord>>;
  policies: Map<PolicyScopeKey, PolicyRecord>;
  users: Map<string, ApimUserRecord>;
  subscriptions: Map<string, SubscriptionRecord>;
  namedValues: Map<string, NamedValueRecord>;
  policyFragments: Map<string, PolicyFragmentRecord>;
  /** apiId → (schemaId → schema): the type definitions operations' representations name by `schemaId` and `typeName`. */
  apiSchemas: Map<string, Map<string, ApiSchemaRecord>>;
  /** The Key Vault secrets the service's identity can read, by secret identifier (the emulator has no vault). */
  keyVaultSecrets: Map<string, string>;
}
