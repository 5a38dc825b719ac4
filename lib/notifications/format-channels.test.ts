// Rule: what a requester typed stays text in every channel: escaped in the email's HTML, inert Markdown in the Teams card, and every link points at the portal.
import { describe, expect, it } from 'vitest';
import { emailHtml, teamsMessage } from './format-channels';
import { renderNotification } from './render-notification';

const payload = {
  requestId: '11111111-2222-4333-8444-555555555555',
  apiId: 'orders',
  appId: 'app',
  roleId: 'role',
  roleValue: 'Orders.Read',
  requester: { oid: 'oid-mallory', name: '<img src=x onerror=alert(1)> [click](https://evil.example)' },
  status: 'pending',
  stage: 1,
  expiresAt: '2026-12-07T10:00:00.000Z',
};
const portal = 'https://roleport.contoso.com';

describe('notification channels', () => {
  it('escapes markup in the email and links only to the portal page', () => {
    const html = emailHtml(renderNotification('request-waiting', payload), portal);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html.match(/href="([^"]+)"/g)).toEqual([`href="${portal}/admin/requests"`]);
  });

  it('sends Teams one Adaptive Card whose text cannot become a link and whose only action opens the portal', () => {
    const message = teamsMessage(renderNotification('request-waiting', payload), portal);
    const card = message.attachments[0]!.content;
    expect(message.type).toBe('message');
    expect(message.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(JSON.stringify(card.body)).toContain('\\\\[click\\\\]\\\\(https://evil\\\\.example\\\\)');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the approval queue', url: `${portal}/admin/requests` }]);
  });

  it('tells the Teams channel the team\'s side of a decision, never "your request"', () => {
    const team = renderNotification('request-decided', { ...payload, status: 'approved', actorName: 'Olivia Owens' }, 'team');
    expect(team.subject).toBe(`${payload.requester.name}'s request for Orders.Read on orders was approved`);
    expect(JSON.stringify(team)).not.toMatch(/your/i);
  });

  it('tells the holder how to get the role into a token when access is ready, and when it ends', () => {
    const ready = renderNotification('access-ready', { ...payload, status: 'active' });
    expect(ready.subject).toBe('Your access is ready: Orders.Read on orders');
    expect(ready.tip).toMatch(/get a new token/);
    expect(ready.lines).toContain('It ends on 2026-12-07.');
    expect(ready.link.path).toBe(`/requests/${payload.requestId}`);
  });
});
