import type {
  ApiRecord,
  ApiSchemaRecord,
  ApimUserRecord,
  NamedValueRecord,
  OperationRecord,
  ProductRecord,
  ServiceInfo,
  SubscriptionRecord,
} from '../apim/types';

const TYPE = 'Microsoft.ApiManagement/service';

export function serviceId(service: ServiceInfo): string {
  return `/subscriptions/${service.subscriptionId}/resourceGroups/${service.resourceGroup}/providers/Microsoft.ApiManagement/service/${service.name}`;
}

/** Turns a service-relative id (`/users/ben`) into the full ARM id APIM returns. */
export function fullId(service: ServiceInfo, relative: string): string {
  return serviceId(service) + relative;
}

/** Accepts either form on input, as APIM does, and returns the service-relative id. */
export function relativeId(service: ServiceInfo, id: string): string {
  const prefix = serviceId(service).toLowerCase();
  return id.toLowerCase().startsWith(prefix) ? id.slice(prefix.length) : id;
}

export function serviceEnvelope(service: ServiceInfo, etag: string) {
  return {
    id: serviceId(service),
    name: service.name,
    type: TYPE,
    tags: {},
    location: service.location,
    etag,
    properties: {
      publisherEmail: service.publisherEmail,
      publisherName: service.publisherName,
      notificationSenderEmail: 'apimgmt-noreply@mail.windowsazure.com',
      provisioningState: 'Succeeded',
      targetProvisioningState: '',
      createdAtUtc: service.createdAtUtc,
      gatewayUrl: service.gatewayUrl,
      gatewayRegionalUrl: service.gatewayUrl,
      portalUrl: service.portalUrl,
      developerPortalUrl: service.developerPortalUrl,
      managementApiUrl: service.managementApiUrl,
      scmUrl: service.scmUrl,
      hostnameConfigurations: [
        {
          type: 'Proxy',
          hostName: new URL(service.gatewayUrl).host,
          negotiateClientCertificate: false,
          defaultSslBinding: true,
          certificateSource: 'BuiltIn',
        },
      ],
      publicIPAddresses: ['127.0.0.1'],
      additionalLocations: [],
      // The TLS defaults every service reports.
      customProperties: Object.fromEntries(
        [
          'Gateway.Security.Ciphers.TripleDes168',
          'Gateway.Security.Protocols.Tls11',
          'Gateway.Security.Protocols.Tls10',
          'Gateway.Security.Protocols.Ssl30',
          'Gateway.Security.Backend.Protocols.Tls11',
          'Gateway.Security.Backend.Protocols.Tls10',
          'Gateway.Security.Backend.Protocols.Ssl30',
          'Gateway.Protocols.Server.Http2',
        ].map((name) => [`Microsoft.WindowsAzure.ApiManagement.${name}`, 'false']),
      ),
      virtualNetworkType: 'None',
      certificates: [],
      disableGateway: false,
      apiVersionConstraint: { minApiVersion: '2021-08-01' },
      publicNetworkAccess: 'Enabled',
      privateEndpointConnections: [],
      platformVersion: 'stv2',
    },
    sku: service.sku,
    identity: null,
    systemData: {
      createdBy: service.publisherEmail,
      createdByType: 'User',
      createdAt: service.createdAtUtc,
      lastModifiedBy: service.publisherEmail,
      lastModifiedByType: 'User',
      lastModifiedAt: service.createdAtUtc,
    },
  };
}

export function productEnvelope(
  service: ServiceInfo,
  p: ProductRecord,
  id = fullId(service, `/products/${p.id}`),
  type = `${TYPE}/products`,
) {
  const properties: Record<string, unknown> = {
    displayName: p.displayName,
    description: p.description,
    terms: p.terms,
    subscriptionRequired: p.subscriptionRequired,
    state: p.state,
  };
  // APIM only reports approval and limits for products that use subscriptions.
  if (p.subscriptionRequired) {
    properties.approvalRequired = p.approvalRequired;
    if (p.subscriptionsLimit !== undefined) properties.subscriptionsLimit = p.subscriptionsLimit;
  }
  return { id, type, name: p.id, properties };
}

export function apiEnvelope(service: ServiceInfo, a: ApiRecord, id = fullId(service, `/apis/${a.id}`), type = `${TYPE}/apis`) {
  return {
    id,
    type,
    name: a.id,
    properties: {
      displayName: a.displayName,
      apiRevision: a.apiRevision,
      description: a.description,
      subscriptionRequired: a.subscriptionRequired,
      serviceUrl: a.serviceUrl,
      path: a.path,
      protocols: a.protocols,
      authenticationSettings: { oAuth2AuthenticationSettings: [], openidAuthenticationSettings: [] },
      subscriptionKeyParameterNames: a.subscriptionKeyParameterNames,
      type: a.type,
      isCurrent: a.isCurrent,
      isOnline: true,
      // A version carries its identifier and its set's full id, as in examples/ApiManagementListApis.json; the original version of
      // a set has no apiVersion.
      ...(a.apiVersion ? { apiVersion: a.apiVersion } : {}),
      ...(a.apiVersionSetId ? { apiVersionSetId: fullId(service, `/apiVersionSets/${a.apiVersionSetId}`) } : {}),
    },
  };
}

export function operationEnvelope(service: ServiceInfo, o: OperationRecord) {
  return {
    id: fullId(service, `/apis/${o.apiId}/operations/${o.id}`),
    type: `${TYPE}/apis/operations`,
    name: o.id,
    properties: {
      displayName: o.displayName,
      method: o.method,
      urlTemplate: o.urlTemplate,
      description: o.description,
      templateParameters: o.templateParameters,
      request: o.request,
      responses: o.responses,
    },
  };
}

/** Api Schema - Get / List By Api: https://learn.microsoft.com/rest/api/apimanagement/api-schema/list-by-api */
export function apiSchemaEnvelope(service: ServiceInfo, s: ApiSchemaRecord) {
  return {
    id: fullId(service, `/apis/${s.apiId}/schemas/${s.id}`),
    type: `${TYPE}/apis/schemas`,
    name: s.id,
    properties: { contentType: s.contentType, document: s.document },
  };
}

/** A user's scalar properties: what a user's `$filter` reads, and its envelope's properties but for its identities. */
export function userScalars(u: ApimUserRecord) {
  return {
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    state: u.state,
    registrationDate: u.registrationDate,
    note: null,
  };
}

export function userEnvelope(service: ServiceInfo, u: ApimUserRecord) {
  return {
    id: fullId(service, `/users/${u.id}`),
    type: `${TYPE}/users`,
    name: u.id,
    properties: { ...userScalars(u), identities: u.identities },
  };
}

export function subscriptionEnvelope(service: ServiceInfo, s: SubscriptionRecord, parent = '', type = `${TYPE}/subscriptions`) {
  const properties: Record<string, unknown> = {
    ownerId: s.ownerId === null ? null : fullId(service, s.ownerId),
    scope: fullId(service, s.scope),
    displayName: s.displayName,
    state: s.state,
    createdDate: s.createdDate,
    allowTracing: s.allowTracing,
  };
  if (s.startDate) properties.startDate = s.startDate;
  return { id: fullId(service, `${parent}/subscriptions/${s.id}`), type, name: s.id, properties };
}

export function namedValueEnvelope(service: ServiceInfo, n: NamedValueRecord) {
  const properties: Record<string, unknown> = { displayName: n.displayName, tags: n.tags, secret: n.secret };
  // Secret values are only readable through listValue on the real service ("No secrets included", NamedValue_Get).
  if (!n.secret) properties.value = n.value;
  if (n.keyVault) properties.keyVault = n.keyVault;
  return { id: fullId(service, `/namedValues/${n.id}`), type: `${TYPE}/namedValues`, name: n.id, properties };
}
