import type { NotificationPayload } from './notification-event';
import type { NotificationKind } from './notification-kinds';
import { renewalHref } from '@/lib/requests/renewal-href';

/** One message; links are paths on the portal. */
export interface RenderedMessage {
  kind: NotificationKind;
  subject: string;
  lines: string[];
  /** A hint for the reader (the token tip when access is ready). */
  tip?: string;
  link: { path: string; label: string };
}

const day = (iso: string) => iso.slice(0, 10);

/** The request form, filled in to renew the grant the payload is about: one click there submits it. */
const renewalLink = (p: NotificationPayload) => ({ path: renewalHref(p.apiId, p.roleId, p.requestId), label: 'Request a renewal' });

/**
 * The words of a notification. `person` speaks to its recipient (email, bell); `team` is the same news told to the
 * team's Teams channel, where "your" would name nobody.
 */
export function renderNotification(
  kind: NotificationKind,
  p: NotificationPayload,
  audience: 'person' | 'team' = 'person',
): RenderedMessage {
  const role = `${p.roleValue} on ${p.apiId}`;
  if (audience === 'team' && kind === 'access-expiring') {
    return {
      kind,
      subject: `${p.requester.name}'s access ends in 7 days: ${role}`,
      lines: [`${p.requester.name}'s ${role} ends on ${day(p.expiresAt ?? '')}. The renewal link works for ${p.requester.name} alone.`],
      link: renewalLink(p),
    };
  }
  if (audience === 'team' && kind === 'request-decided') {
    const verdict = p.status === 'rejected' ? 'rejected' : 'approved';
    return {
      kind,
      subject: `${p.requester.name}'s request for ${role} was ${verdict}`,
      lines: [`${p.actorName ?? 'An approver'} ${verdict} it.`],
      link: { path: `/requests/${p.requestId}`, label: 'Open the request' },
    };
  }
  if (audience === 'team' && kind === 'request-waiting') {
    return {
      kind,
      subject: `Approval needed: ${p.requester.name} asks for ${role}`,
      lines: [
        `${p.requester.name} asked for ${role}. It waits for a decision by a portal admin or an owner of the API's app registration.`,
      ],
      link: { path: '/admin/requests', label: 'Open the approval queue' },
    };
  }
  const requestLink = { path: `/requests/${p.requestId}`, label: 'Open the request' };
  switch (kind) {
    case 'request-waiting':
      return {
        kind,
        subject: `Approval needed: ${p.requester.name} asks for ${role}`,
        lines: [
          `${p.requester.name} asked for ${role}.`,
          p.stage > 1 ? `The first stage is approved; stage ${p.stage} waits for your decision.` : 'It waits for your decision.',
        ],
        link: { path: '/admin/requests', label: 'Open the approval queue' },
      };
    case 'request-decided': {
      const approved = p.status !== 'rejected';
      if (p.status === 'renewed')
        return {
          kind,
          subject: `Your renewal of ${role} was approved`,
          lines: [
            `${p.actorName ?? 'An approver'} approved your renewal of ${role}.`,
            p.expiresAt ? `It now ends on ${day(p.expiresAt)}.` : 'It now has no end date.',
          ],
          link: requestLink,
        };
      return {
        kind,
        subject: `Your request for ${role} was ${approved ? 'approved' : 'rejected'}`,
        lines: [
          `${p.actorName ?? 'An approver'} ${approved ? 'approved' : 'rejected'} your request for ${role}.`,
          approved ? 'Roleport is granting the role now; you will hear when it is ready.' : 'The request page shows the note, if any.',
        ],
        link: requestLink,
      };
    }
    case 'access-ready':
      return {
        kind,
        subject: `Your access is ready: ${role}`,
        lines: [`You now hold ${role}.`, p.expiresAt ? `It ends on ${day(p.expiresAt)}.` : 'It has no end date.'],
        tip: 'Roles reach a token when it is issued: get a new token (sign in again, or ask your tool for a fresh one) before calling the API. The Token doctor shows what a token carries.',
        link: requestLink,
      };
    case 'access-expiring':
      return {
        kind,
        subject: `Your access ends in 7 days: ${role}`,
        lines: [
          `Your ${role} ends on ${day(p.expiresAt ?? '')}.`,
          'If you still need it after that, request a renewal: the form opens filled in, and approved, the same grant runs longer.',
        ],
        link: renewalLink(p),
      };
    case 'provisioning-failed':
      return {
        kind,
        subject: `Granting ${role} to ${p.requester.name} failed`,
        lines: [
          `Roleport could not grant ${role} to ${p.requester.name}.`,
          p.failureReason ? `Reason: ${p.failureReason}` : 'The request page has the reason.',
        ],
        link: { path: `/requests/${p.requestId}`, label: 'Open the request to retry' },
      };
  }
}
