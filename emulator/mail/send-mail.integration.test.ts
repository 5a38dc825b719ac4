// Rule: the emulated Graph's sendMail takes the documented JSON body from the real Graph client, answers 202, records what the recipients get, and refuses without Mail.Send as Graph does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PORTAL_GRAPH_PERMISSIONS } from '../seed/directory-seed';
import { NOTIFICATIONS_MAILBOX, PORTAL_APP, TENANT_ID, USERS } from '../seed/demo-tenant';
import { graphError, portalGraphClient } from '../graph/test-support/graph-client';
import { startEmulator, type RunningEmulator } from '../start';

let emu: RunningEmulator;
const control = (path: string, init?: RequestInit) => fetch(`${emu.urls.authorityHost}/_emulator/${path}`, init);
const setGraphPermissions = (graph: string[]) =>
  control('permissions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ graph }) });

// The body of microsoft-graph-docs-contrib api-reference/v1.0/api/user-sendmail.md, example 1 (saveToSentItems as written there).
const docExample = {
  message: {
    subject: 'Meet for lunch?',
    body: { contentType: 'Text', content: 'The new cafeteria is open.' },
    toRecipients: [{ emailAddress: { address: 'frannis@contoso.com' } }],
    ccRecipients: [{ emailAddress: { address: 'danas@contoso.com' } }],
  },
  saveToSentItems: 'false',
};

beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0, graph: 0 }, surfaces: ['entra', 'graph'] });
});
afterAll(() => emu?.stop());
beforeEach(async () => {
  await setGraphPermissions(PORTAL_GRAPH_PERMISSIONS);
  await control('mail', { method: 'DELETE' });
});

describe('POST /users/{id | userPrincipalName}/sendMail', () => {
  it("accepts the documentation's example from a mailbox named by UPN or id, answers 202 with no body, and records the message", async () => {
    const graph = portalGraphClient(emu);
    const byUpn = await graph
      .api(`/users/${NOTIFICATIONS_MAILBOX.userPrincipalName}/sendMail`)
      .responseType('raw' as never)
      .post(docExample);
    expect((byUpn as Response).status).toBe(202);
    expect(await (byUpn as Response).text()).toBe('');
    await graph.api(`/users/${NOTIFICATIONS_MAILBOX.oid}/sendMail`).post({
      message: {
        subject: 'Second',
        body: { contentType: 'HTML', content: '<p>Hi</p>' },
        toRecipients: [{ emailAddress: { address: USERS.ada.userPrincipalName } }],
      },
    });
    const { value } = (await (await control('mail')).json()) as { value: Record<string, unknown>[] };
    expect(value).toMatchObject([
      {
        from: NOTIFICATIONS_MAILBOX.userPrincipalName,
        to: ['frannis@contoso.com'],
        cc: ['danas@contoso.com'],
        subject: 'Meet for lunch?',
        contentType: 'text',
        content: 'The new cafeteria is open.',
        saveToSentItems: false,
      },
      { to: [USERS.ada.userPrincipalName], contentType: 'html', content: '<p>Hi</p>', saveToSentItems: true },
    ]);
  });

  it('refuses without Mail.Send with 403 ErrorAccessDenied, and records nothing', async () => {
    await setGraphPermissions(PORTAL_GRAPH_PERMISSIONS.filter((p) => p !== 'Mail.Send'));
    const error = await graphError(portalGraphClient(emu).api(`/users/${NOTIFICATIONS_MAILBOX.oid}/sendMail`).post(docExample));
    expect([error.statusCode, error.code]).toEqual([403, 'ErrorAccessDenied']);
    expect(((await (await control('mail')).json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('refuses an unknown mailbox (404 ErrorInvalidUser), a message without recipients and a body type other than text or html', async () => {
    const graph = portalGraphClient(emu);
    const unknown = await graphError(graph.api('/users/nobody@contoso.onmicrosoft.com/sendMail').post(docExample));
    expect([unknown.statusCode, unknown.code]).toEqual([404, 'ErrorInvalidUser']);
    const noRecipients = await graphError(
      graph.api(`/users/${NOTIFICATIONS_MAILBOX.oid}/sendMail`).post({ message: { ...docExample.message, toRecipients: [] } }),
    );
    expect([noRecipients.statusCode, noRecipients.code]).toEqual([400, 'ErrorInvalidRecipients']);
    const badBody = await graphError(
      graph
        .api(`/users/${NOTIFICATIONS_MAILBOX.oid}/sendMail`)
        .post({ message: { ...docExample.message, body: { contentType: 'markdown', content: '*' } } }),
    );
    expect(badBody.statusCode).toBe(400);
    const noMessage = await graphError(graph.api(`/users/${NOTIFICATIONS_MAILBOX.oid}/sendMail`).post({ saveToSentItems: false }));
    expect(noMessage.statusCode).toBe(400);
    expect(((await (await control('mail')).json()) as { value: unknown[] }).value).toEqual([]);
  });

  it('the shared mailbox cannot be signed in to', async () => {
    const response = await fetch(`${emu.urls.authorityHost}/${TENANT_ID}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        username: NOTIFICATIONS_MAILBOX.userPrincipalName,
        password: emu.connection.users[0]!.password,
        client_id: PORTAL_APP.appId,
        client_secret: PORTAL_APP.clientSecret,
        scope: 'openid',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS50057');
  });
});
