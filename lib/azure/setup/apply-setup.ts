import 'server-only';
import { randomUUID } from 'node:crypto';
import type { SetupConfig } from '@/lib/env';
import { applyEventGridStep } from './apply-event-grid';
import type { AppliedIds } from './applied-ids';
import type { TenantState } from './read-tenant';
import type { SetupStep } from './plan-setup';
import type { SetupClients } from './setup-clients';

type Json = Record<string, unknown>;

const need = (value: string | undefined, what: string) => {
  if (!value) throw new Error(`Internal: ${what} is not known yet.`);
  return value;
};

/** Runs one planned change through Graph or ARM, recording the ids it creates. */
export async function applySetupStep(
  clients: SetupClients,
  config: SetupConfig,
  state: TenantState,
  step: SetupStep,
  ids: AppliedIds,
): Promise<void> {
  const { graph, authorization } = clients;
  switch (step.kind) {
    case 'create-event-grid-sp':
    case 'assign-event-grid-role':
    case 'put-event-subscription':
      return applyEventGridStep(clients, config, state, step, ids);
    case 'create-app': {
      const app = (await graph.api('/applications').post(step.body)) as Json;
      ids.appObjectId = String(app.id);
      ids.appId = String(app.appId);
      return;
    }
    case 'set-identifier-uri':
      await graph
        .api(`/applications/${need(ids.appObjectId, 'the app')}`)
        .patch({ identifierUris: [`api://${need(ids.appId, 'the client id')}`] });
      return;
    case 'update-app':
      await graph.api(`/applications/${need(ids.appObjectId, 'the app')}`).patch(step.patch);
      return;
    case 'create-service-principal': {
      const sp = (await graph.api('/servicePrincipals').post({ appId: need(ids.appId, 'the client id') })) as Json;
      ids.servicePrincipalId = String(sp.id);
      return;
    }
    case 'add-secret': {
      const credential = (await graph
        .api(`/applications/${need(ids.appObjectId, 'the app')}/addPassword`)
        .post({ passwordCredential: { displayName: `roleport setup ${new Date().toISOString().slice(0, 10)}` } })) as Json;
      ids.secret = String(credential.secretText);
      return;
    }
    case 'grant-application-permission': {
      // Admin consent to an application permission is an app role assignment on the resource's service principal.
      const principalId = need(ids.servicePrincipalId, 'the service principal');
      await graph
        .api(`/servicePrincipals/${state.graphSp.id}/appRoleAssignedTo`)
        .post({ principalId, resourceId: state.graphSp.id, appRoleId: step.appRoleId });
      return;
    }
    case 'grant-delegated': {
      const scope = step.scopes.join(' ');
      if (step.grantId) await graph.api(`/oauth2PermissionGrants/${step.grantId}`).patch({ scope });
      else
        await graph.api('/oauth2PermissionGrants').post({
          clientId: need(ids.servicePrincipalId, 'the service principal'),
          consentType: 'AllPrincipals',
          principalId: null,
          resourceId: step.resourceId,
          scope,
        });
      return;
    }
    case 'add-federated-credential':
      await graph.api(`/applications/${need(ids.appObjectId, 'the app')}/federatedIdentityCredentials`).post(step.body);
      return;
    case 'assign-apim-role':
      // principalType spares ARM a directory lookup that may not see a just-created service principal yet.
      await authorization.roleAssignments.create(state.serviceScope, randomUUID(), {
        roleDefinitionId: step.roleDefinitionId,
        principalId: need(ids.servicePrincipalId, 'the service principal'),
        principalType: 'ServicePrincipal',
      });
      return;
  }
}
