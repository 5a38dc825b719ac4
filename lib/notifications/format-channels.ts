import type { RenderedMessage } from './render-notification';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// Adaptive Card text is Markdown: a requester's name like "[x](https://…)" must stay text, not become a link.
const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|>~]/g, (c) => `\\${c}`);

/** The email: escaped text, the tip, and one link to the page (absolute, on the portal's public URL). */
export function emailHtml(message: RenderedMessage, publicUrl: string): string {
  const url = `${publicUrl}${message.link.path}`;
  return [
    ...message.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    message.tip ? `<p><em>${escapeHtml(message.tip)}</em></p>` : '',
    `<p><a href="${escapeHtml(url)}">${escapeHtml(message.link.label)}</a></p>`,
    '<p style="color:#64748b;font-size:12px">Roleport. Choose what you are told about under Settings, Notifications.</p>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The Teams message: one Adaptive Card 1.4 with the same words and an Action.OpenUrl to the page (incoming webhooks
 * support OpenUrl, ShowCard and ToggleVisibility, not Submit: msteams-docs connectors-using.md).
 */
export function teamsMessage(message: RenderedMessage, publicUrl: string) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: escapeMarkdown(message.subject), weight: 'Bolder', size: 'Medium', wrap: true },
            ...message.lines.map((line) => ({ type: 'TextBlock', text: escapeMarkdown(line), wrap: true })),
          ],
          actions: [{ type: 'Action.OpenUrl', title: message.link.label, url: `${publicUrl}${message.link.path}` }],
        },
      },
    ],
  };
}
