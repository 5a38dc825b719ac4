// Rule: the emulated Graph answers the real Graph client with the shapes and errors of Microsoft's published examples.
import { PageIterator, type Client, type PageCollection } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExample, shapeDifferences } from '@/test/harness/example-shapes';
import { GRAPH_APP_ROLES } from '../seed/directory-seed';
import { GROUPS, INVENTORY_APP, ORDERS_APP, PAYMENTS_APP, PORTAL_APP, USERS } from '../seed/demo-tenant';
import type { RunningEmulator } from '../start';
import { graphError, portalGraphClient, startGraphEmulator } from './test-support/graph-client';

type Example = { response: { status: number; body: Record<string, unknown> } };
const example = (name: string) => loadExample<Example>(`graph/${name}.json`).response;

let emu: RunningEmulator;
let graph: Client;
beforeAll(async () => {
  ({ emu, graph } = await startGraphEmulator());
});
afterAll(() => emu?.stop());

describe('shapes match the published examples', () => {
  it('service principals: get, list with $filter, (appId=…) and $select', async () => {
    const sp = await graph.api(`/servicePrincipals/${ORDERS_APP.servicePrincipalId}`).get();
    expect(shapeDifferences(sp, example('serviceprincipal-get').body, { optional: ['@odata.context'] })).toEqual([]);
    const list = await graph.api('/servicePrincipals').filter(`appId eq '${ORDERS_APP.appId}'`).get();
    expect(shapeDifferences(list, example('serviceprincipal-list').body)).toEqual([]);
    expect(list.value.map((s: { id: string }) => s.id)).toEqual([ORDERS_APP.servicePrincipalId]);
    const byAppId = await graph.api(`/servicePrincipals(appId='${ORDERS_APP.appId}')`).select('id,appId,displayName,appRoles').get();
    expect(
      shapeDifferences(byAppId, example('serviceprincipal-get-select-approles').body, { optional: ['oauth2PermissionScopes'] }),
    ).toEqual([]);
    expect(Object.keys(byAppId).sort()).toEqual(['@odata.context', 'appId', 'appRoles', 'displayName', 'id']);
    expect(byAppId['@odata.context']).toBe(
      'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals(id,appId,displayName,appRoles)/$entity',
    );
  });

  it('applications: $filter by appId and by identifierUris/any', async () => {
    const byAppId = await graph.api('/applications').filter(`appId eq '${INVENTORY_APP.appId}'`).get();
    expect(shapeDifferences(byAppId, example('application-list').body)).toEqual([]);
    expect(byAppId['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#applications');
    const byUri = await graph.api('/applications').filter(`identifierUris/any(x:x eq '${PAYMENTS_APP.identifierUri}')`).get();
    expect(byUri.value.map((a: { appId: string }) => a.appId)).toEqual([PAYMENTS_APP.appId]);
    const one = await graph.api(`/applications(appId='${ORDERS_APP.appId}')`).get();
    expect(one.api.requestedAccessTokenVersion).toBe(2);
    expect(one.passwordCredentials).toEqual([]);
    const owners = await graph.api(`/applications/${ORDERS_APP.objectId}/owners`).get();
    // Roleport's service principal owns the API registrations too (for Application.ReadWrite.OwnedBy).
    expect(owners.value.map((o: { id: string; '@odata.type': string }) => [o['@odata.type'], o.id])).toEqual([
      ['#microsoft.graph.user', USERS.olivia.oid],
      ['#microsoft.graph.servicePrincipal', PORTAL_APP.servicePrincipalId],
    ]);
  });

  it('users and their app role assignments', async () => {
    const user = await graph.api(`/users/${USERS.ben.oid}`).get();
    expect(shapeDifferences(user, example('user-get').body)).toEqual([]);
    expect((await graph.api(`/users/${USERS.ben.userPrincipalName}`).get()).id).toBe(USERS.ben.oid);
    const filtered = await graph
      .api(`/users/${USERS.ben.oid}/appRoleAssignments`)
      .filter(`resourceId eq ${ORDERS_APP.servicePrincipalId}`)
      .get();
    expect(shapeDifferences(filtered, example('user-list-approleassignments-filter-resourceid').body)).toEqual([]);
    expect(filtered.value).toHaveLength(1);
    const memberOf = await graph.api(`/users/${USERS.ben.oid}/memberOf`).get();
    expect(memberOf.value.map((g: { id: string }) => g.id)).toEqual([GROUPS.inventoryReaders.id]);
  });

  it("a user's appRoleAssignments also lists the assignments of the groups they are a direct member of", async () => {
    const all = (await graph.api(`/users/${USERS.ben.oid}/appRoleAssignments`).get()) as { value: Record<string, string>[] };
    expect(all.value.map((a) => [a.principalType, a.principalId, a.resourceId]).sort()).toEqual(
      [
        ['User', USERS.ben.oid, ORDERS_APP.servicePrincipalId],
        ['Group', GROUPS.inventoryReaders.id, INVENTORY_APP.servicePrincipalId],
      ].sort(),
    );
    const onInventory = (await graph
      .api(`/users/${USERS.ben.oid}/appRoleAssignments`)
      .filter(`resourceId eq ${INVENTORY_APP.servicePrincipalId}`)
      .get()) as { value: Record<string, string>[] };
    expect(onInventory.value).toEqual([
      expect.objectContaining({
        principalType: 'Group',
        principalId: GROUPS.inventoryReaders.id,
        principalDisplayName: GROUPS.inventoryReaders.displayName,
        appRoleId: INVENTORY_APP.roles['Inventory.Read'],
      }),
    ]);
    // Ada is in no group: only her own assignments come back.
    expect((await graph.api(`/users/${USERS.ada.oid}/appRoleAssignments`).get()).value).toEqual([]);
  });

  it('assignments: list, create (201), delete (204) and unknown delete (404)', async () => {
    const path = `/servicePrincipals/${PAYMENTS_APP.servicePrincipalId}/appRoleAssignedTo`;
    const created = await graph
      .api(path)
      .post({ principalId: USERS.ada.oid, resourceId: PAYMENTS_APP.servicePrincipalId, appRoleId: PAYMENTS_APP.roles['Payments.Read'] });
    expect(shapeDifferences(created, example('serviceprincipal-post-approleassignedto').body, { exact: true })).toEqual([]);
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      principalType: 'User',
      principalDisplayName: USERS.ada.displayName,
      resourceDisplayName: PAYMENTS_APP.displayName,
    });
    const list = await graph.api(path).get();
    expect(shapeDifferences(list, example('serviceprincipal-list-approleassignedto').body)).toEqual([]);

    const dup = await graphError(
      graph
        .api(path)
        .post({ principalId: USERS.ada.oid, resourceId: PAYMENTS_APP.servicePrincipalId, appRoleId: PAYMENTS_APP.roles['Payments.Read'] }),
    );
    expect(dup).toMatchObject({
      statusCode: 400,
      code: 'Request_BadRequest',
      message: 'Permission being assigned already exists on the object',
    });

    const res = await graph
      .api(`${path}/${created.id}`)
      .responseType('raw' as never)
      .delete();
    expect((res as Response).status).toBe(204);
    expect((await graphError(graph.api(`${path}/${created.id}`).delete())).statusCode).toBe(404);
  });
});

describe('app roles', () => {
  it("PATCHes an application's appRoles, mirrors them on its service principal, and refuses to drop an enabled role", async () => {
    const app = await graph.api(`/applications/${INVENTORY_APP.objectId}`).get();
    const added = {
      id: '5f0e2c1a-0000-4d4d-8e8e-000000000099',
      value: 'Inventory.Audit',
      displayName: 'Inventory.Audit',
      description: 'Audit',
      allowedMemberTypes: ['User'],
      isEnabled: true,
    };
    await graph.api(`/applications/${INVENTORY_APP.objectId}`).patch({ appRoles: [...app.appRoles, added] });
    const sp = await graph.api(`/servicePrincipals/${INVENTORY_APP.servicePrincipalId}`).select('appRoles').get();
    expect(sp.appRoles.map((r: { value: string }) => r.value)).toContain('Inventory.Audit');
    const dropped = await graphError(graph.api(`/applications/${INVENTORY_APP.objectId}`).patch({ appRoles: app.appRoles }));
    expect(dropped.statusCode).toBe(400);
    await graph.api(`/applications/${INVENTORY_APP.objectId}`).patch({ appRoles: [...app.appRoles, { ...added, isEnabled: false }] });
    await graph.api(`/applications/${INVENTORY_APP.objectId}`).patch({ appRoles: app.appRoles });
    expect((await graph.api(`/applications/${INVENTORY_APP.objectId}`).get()).appRoles).toHaveLength(app.appRoles.length);
  });
});

describe('group members', () => {
  it('adds (204), refuses a duplicate (400) and an unknown object (404), removes', async () => {
    const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
    const members = `/groups/${GROUPS.ordersWriters.id}/members`;
    await graph.api(`${members}/$ref`).post(ref(USERS.ada.oid));
    const dup = await graphError(graph.api(`${members}/$ref`).post(ref(USERS.ada.oid)));
    expect(dup.statusCode).toBe(400);
    expect(dup.message).toBe("One or more added object references already exist for the following modified properties: 'members'.");
    expect((await graphError(graph.api(`${members}/$ref`).post(ref('99999999-9999-4999-8999-999999999999')))).statusCode).toBe(404);
    const list = await graph.api(members).get();
    expect(list.value).toEqual([expect.objectContaining({ '@odata.type': '#microsoft.graph.user', id: USERS.ada.oid })]);
    await graph.api(`${members}/${USERS.ada.oid}/$ref`).delete();
    expect((await graph.api(members).get()).value).toEqual([]);
  });
});

describe('what a group holds besides its members', () => {
  it('says whether a group is role-assignable and lists its app roles, groups and directory roles', async () => {
    const groupId = GROUPS.ordersWriters.id;
    const group = await graph.api(`/groups/${groupId}`).get();
    expect(group).toMatchObject({ id: groupId, isAssignableToRole: null });
    const held = await graph.api(`/groups/${groupId}/appRoleAssignments`).get();
    expect(held.value).toEqual([
      expect.objectContaining({ principalId: groupId, principalType: 'Group', appRoleId: ORDERS_APP.roles['Orders.Write'] }),
    ]);
    expect((await graph.api(`/groups/${groupId}/memberOf`).get()).value).toEqual([]);

    const parentId = '5d2c7b1e-0003-4c2d-8e9f-000000000003';
    const roleId = '9f8e7d6c-0004-4c2d-8e9f-000000000004';
    emu.directory.groups.set(parentId, {
      id: parentId,
      displayName: 'Finance',
      description: null,
      mailNickname: 'finance',
      createdDateTime: '2026-11-01T00:00:00Z',
      members: new Set([groupId]),
    });
    emu.directory.directoryRoles.set(roleId, {
      id: roleId,
      displayName: 'Helpdesk Administrator',
      description: 'Can reset passwords for non-administrators.',
      roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
      members: new Set([groupId, USERS.priya.oid]),
    });
    try {
      const memberOf = await graph.api(`/groups/${groupId}/memberOf`).get();
      expect(memberOf['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryObjects');
      expect(memberOf.value).toEqual([
        expect.objectContaining({ '@odata.type': '#microsoft.graph.group', id: parentId, displayName: 'Finance' }),
        {
          '@odata.type': '#microsoft.graph.directoryRole',
          id: roleId,
          deletedDateTime: null,
          description: 'Can reset passwords for non-administrators.',
          displayName: 'Helpdesk Administrator',
          roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
        },
      ]);
      const userMemberOf = await graph.api(`/users/${USERS.priya.oid}/memberOf`).get();
      expect(userMemberOf.value.map((o: Record<string, string>) => o['@odata.type'])).toContain('#microsoft.graph.directoryRole');
      expect((await graphError(graph.api('/groups/99999999-9999-4999-8999-999999999999/memberOf').get())).statusCode).toBe(404);
    } finally {
      emu.directory.groups.delete(parentId);
      emu.directory.directoryRoles.delete(roleId);
    }
  });
});

describe('paging and permissions', () => {
  it('follows @odata.nextLink on the emulator origin until every item is read', async () => {
    const first = (await graph.api('/servicePrincipals').top(2).get()) as PageCollection;
    expect(first['@odata.nextLink']?.startsWith(`${emu.urls.graphEndpoint}/v1.0/servicePrincipals?`)).toBe(true);
    const ids: string[] = [];
    await new PageIterator(graph, first, (sp: { id: string }) => {
      ids.push(sp.id);
      return true;
    }).iterate();
    expect(ids).toHaveLength(emu.directory.servicePrincipals.size);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers 403 when the app lacks the permission and 401 without a token', async () => {
    const graphSp = emu.directory.servicePrincipalByAppId('00000003-0000-0000-c000-000000000000')!;
    const grant = emu.directory
      .assignmentsOf(PORTAL_APP.servicePrincipalId)
      .find((a) => a.resourceId === graphSp.id && a.appRoleId === GRAPH_APP_ROLES['GroupMember.ReadWrite.All'])!;
    emu.directory.unassign(grant.id);
    try {
      const err = await graphError(
        portalGraphClient(emu)
          .api(`/groups/${GROUPS.ordersWriters.id}/members/$ref`)
          .post({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${USERS.ben.oid}` }),
      );
      expect(err).toMatchObject({
        statusCode: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      });
    } finally {
      emu.directory.assign(grant.principalId, grant.resourceId, grant.appRoleId);
    }
    const anonymous = await fetch(`${emu.urls.graphEndpoint}/v1.0/users`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  });

  it('rejects a filter it cannot parse with 400', async () => {
    const err = await graphError(graph.api('/applications').filter("appId gt 'x' or(").get());
    expect(err.statusCode).toBe(400);
  });
});
