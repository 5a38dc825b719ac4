import { BUILT_IN_ROLES, RbacState, type RoleDefinition } from '../arm/rbac';
import { stableGuid } from '../http/ids';
import { APIM, OPERATOR_APP, PORTAL_APP, ROLEPORT_MANAGED_IDENTITY, SETUP_APP } from './demo-tenant';

/**
 * The custom role the README documents for Roleport's writes and key reads: exactly the actions API Management
 * Service Reader Role lacks (policy writes and deletes at API and operation scope, subscription keys, the developers' APIM users and
 * their product subscriptions).
 */
export const ROLEPORT_WRITER_ROLE: RoleDefinition = {
  id: stableGuid('role-definition/roleport-policy-writer'),
  roleName: 'Roleport API Management Policy Writer',
  actions: [
    'Microsoft.ApiManagement/service/apis/policies/write',
    'Microsoft.ApiManagement/service/apis/policies/delete',
    'Microsoft.ApiManagement/service/apis/operations/policies/write',
    'Microsoft.ApiManagement/service/apis/operations/policies/delete',
    'Microsoft.ApiManagement/service/subscriptions/listSecrets/action',
    'Microsoft.ApiManagement/service/users/write',
    'Microsoft.ApiManagement/service/subscriptions/write',
    'Microsoft.ApiManagement/service/subscriptions/delete',
    'Microsoft.ApiManagement/service/subscriptions/regeneratePrimaryKey/action',
    'Microsoft.ApiManagement/service/subscriptions/regenerateSecondaryKey/action',
  ],
  notActions: [],
};

export const ROLES_BY_NAME: Record<string, RoleDefinition> = { ...BUILT_IN_ROLES, [ROLEPORT_WRITER_ROLE.roleName]: ROLEPORT_WRITER_ROLE };

export const SERVICE_SCOPE = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${APIM.resourceGroup}/providers/Microsoft.ApiManagement/service/${APIM.serviceName}`;

/** What the README documents for Roleport's identity: API Management Service Reader Role plus the writer role, on the service. */
export const PORTAL_ARM_ROLES = ['API Management Service Reader Role', ROLEPORT_WRITER_ROLE.roleName];

export function seedRbac(): RbacState {
  const rbac = new RbacState();
  for (const name of PORTAL_ARM_ROLES) rbac.assign(PORTAL_APP.servicePrincipalId, ROLES_BY_NAME[name]!, SERVICE_SCOPE);
  for (const name of PORTAL_ARM_ROLES) rbac.assign(ROLEPORT_MANAGED_IDENTITY.principalId, ROLES_BY_NAME[name]!, SERVICE_SCOPE);
  rbac.assign(OPERATOR_APP.servicePrincipalId, BUILT_IN_ROLES.Contributor!, SERVICE_SCOPE);
  // Set-up assigns Roleport its role on the service: that takes Microsoft.Authorization/roleAssignments/write.
  rbac.assign(SETUP_APP.servicePrincipalId, BUILT_IN_ROLES['User Access Administrator']!, SERVICE_SCOPE);
  // …and subscribes Roleport's webhook to the service's events: Microsoft.EventGrid/eventSubscriptions/write.
  rbac.assign(SETUP_APP.servicePrincipalId, BUILT_IN_ROLES['EventGrid EventSubscription Contributor']!, SERVICE_SCOPE);
  return rbac;
}
