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
