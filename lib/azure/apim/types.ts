/** Roleport's own shapes of what it reads from API Management; vendor types stay inside lib/azure/apim. */
export interface ApimProduct {
  id: string;
  displayName: string;
  description: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  state: 'published' | 'notPublished';
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
