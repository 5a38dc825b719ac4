/** One message a sendMail call accepted, as the recipient's mailbox would show it. */
export interface SentMail {
  id: string;
  /** The mailbox it was sent from (the user in the URL), by its mail address. */
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** Graph's bodyType: `text` or `html`. */
  contentType: 'text' | 'html';
  content: string;
  saveToSentItems: boolean;
  sentAt: string;
}

/** Every message the emulated Graph accepted for delivery, oldest first; tests read it as the recipients would. */
export class MailOutbox {
  private readonly messages: SentMail[] = [];

  record(message: SentMail): void {
    this.messages.push(message);
  }

  list(): SentMail[] {
    return this.messages.map((m) => ({ ...m, to: [...m.to], cc: [...m.cc] }));
  }

  clear(): void {
    this.messages.length = 0;
  }
}
