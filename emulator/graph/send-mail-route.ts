import { randomUUID } from 'node:crypto';
import { HttpError } from '../http/http-error';
import { PERMISSIONS } from './graph-auth';
import { authorize, readObject, sendNoContent, type GraphCall } from './graph-call';
import { headerValue } from './graph-errors';

// POST /users/{id | userPrincipalName}/sendMail, as microsoft-graph-docs-contrib api-reference/v1.0/api/user-sendmail.md
// documents it: a JSON body { message, saveToSentItems? }, answered 202 Accepted with no body. The application permission
// is Mail.Send (includes/permissions/user-sendmail-permissions.md); Outlook's APIs refuse without it with
// 403 ErrorAccessDenied, not directory's Authorization_RequestDenied.

const accessDenied = () => new HttpError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
const invalidRequest = (message: string) => new HttpError(400, 'ErrorInvalidRequest', message);
const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Json = Record<string, unknown>;

/** A recipients collection (`[{ emailAddress: { address, name? } }]`); every address must be a plausible mail address. */
function recipients(value: unknown, field: string, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0))
    throw new HttpError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid. (${field})`);
  return value.map((r: unknown) => {
    const address = ((r as Json | null)?.emailAddress as Json | undefined)?.address;
    if (typeof address !== 'string' || !ADDRESS.test(address))
      throw new HttpError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid. (${field})`);
    return address;
  });
}

/** `saveToSentItems` is a Boolean; the documentation's own example sends the string "false", which Graph accepts. */
function saveFlag(value: unknown): boolean {
  if (value === undefined || value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalidRequest("Invalid value for parameter 'SaveToSentItems'.");
}

function body(message: Json): { contentType: 'text' | 'html'; content: string } {
  if (message.body === undefined) return { contentType: 'text', content: '' };
  const b = message.body as Json | null;
  const type = typeof b?.contentType === 'string' ? b.contentType.toLowerCase() : undefined;
  // itemBody.contentType is the bodyType enum: text or html (resources/itembody.md).
  if (type !== 'text' && type !== 'html') throw invalidRequest("Invalid value for property 'ContentType' of 'Body': use Text or HTML.");
  if (typeof b?.content !== 'string') throw invalidRequest("Property 'Content' of 'Body' must be a string.");
  return { contentType: type, content: b.content };
}

/** Accepts the message for delivery from the user's mailbox and records it in the emulator's outbox. */
export async function sendMailRoute(call: GraphCall, key: string) {
  try {
    await authorize(call, PERMISSIONS.sendMail);
  } catch (error) {
    if (error instanceof HttpError && error.status === 403) throw accessDenied();
    throw error;
  }
  const user = call.dir.findUser(key);
  if (!user) throw new HttpError(404, 'ErrorInvalidUser', `The requested user '${key}' is invalid.`);
  if (!user.mail)
    throw new HttpError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  // MIME (text/plain, base64) is the other documented form; the emulator takes only the JSON form Roleport sends.
  const contentType = headerValue(call.req, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType))
    throw new HttpError(415, 'ErrorInvalidRequest', 'The emulator accepts sendMail bodies as application/json only.');
  const request = await readObject(call);
  const message = request.message as Json | undefined;
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    throw invalidRequest("The parameter 'Message' is required.");
  if (message.subject !== undefined && typeof message.subject !== 'string') throw invalidRequest("Property 'Subject' must be a string.");
  const to = recipients(message.toRecipients, 'toRecipients', true);
  const cc = recipients(message.ccRecipients, 'ccRecipients', false);
  call.dir.sentMail.record({
    id: randomUUID(),
    from: user.mail,
    to,
    cc,
    subject: (message.subject as string | undefined) ?? '',
    ...body(message),
    saveToSentItems: saveFlag(request.saveToSentItems),
    sentAt: new Date().toISOString(),
  });
  sendNoContent(call, 202);
}
