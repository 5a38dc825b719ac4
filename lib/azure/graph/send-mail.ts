import 'server-only';
import { withPermission } from '@/lib/azure/permission-denied';
import { graphClient } from './client';

export interface OutgoingMail {
  to: string;
  subject: string;
  /** HTML body; the caller escapes whatever it did not write itself. */
  html: string;
}

/**
 * Sends one message from `mailbox` (UPN or object id) with `POST /users/{id | userPrincipalName}/sendMail`
 * (api-reference/v1.0/api/user-sendmail.md): Graph answers 202 Accepted and delivers later. Not kept in Sent Items:
 * the mailbox is a sender, not a record (the outbox and the audit log are).
 */
export async function sendMail(mailbox: string, mail: OutgoingMail): Promise<void> {
  await withPermission('graph.sendMail', () =>
    graphClient()
      .api(`/users/${encodeURIComponent(mailbox)}/sendMail`)
      .post({
        message: {
          subject: mail.subject,
          body: { contentType: 'HTML', content: mail.html },
          toRecipients: [{ emailAddress: { address: mail.to } }],
        },
        saveToSentItems: false,
      }),
  );
}
