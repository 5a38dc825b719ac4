import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/http-error';
import { readJson } from '../http/read-body';
import type { TeamsChannels } from './teams-channel';

// A Teams incoming webhook receiving an Adaptive Card, as MicrosoftDocs/msteams-docs
// msteams-platform/webhooks-and-connectors/how-to/connectors-using.md ("Send Adaptive Cards using an incoming webhook")
// defines the payload: "type" must be "message", "attachments" holds the cards, each "contentType" must be
// application/vnd.microsoft.card.adaptive and "content" is the card. All card elements but Action.Submit are supported;
// the supported actions are Action.OpenUrl, Action.ShowCard and Action.ToggleVisibility. The answer texts are the
// emulator's own (the page does not quote them); a refused payload is a 400, stricter than a connector that may answer
// 200 with an error in the body (the page's retry example reads the body for that reason).

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const ACTIONS = new Set(['Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility']);

type Json = Record<string, unknown>;

const bad = (why: string) => new HttpError(400, 'BadPayload', `Bad payload received by the incoming webhook: ${why}`);

/** Every `actions` entry anywhere in the card (cards nest them in ActionSet and ShowCard). */
function actionsIn(value: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const item of value) actionsIn(item, found);
  else if (value && typeof value === 'object') {
    const node = value as Json;
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node);
    for (const child of Object.values(node)) actionsIn(child, found);
  }
  return found;
}

function checkCard(attachment: unknown): Json {
  const a = attachment as Json | null;
  if (!a || typeof a !== 'object') throw bad('each attachment must be an object.');
  if (a.contentType !== ADAPTIVE) throw bad(`attachment contentType must be ${ADAPTIVE}.`);
  const card = a.content as Json | null;
  if (!card || typeof card !== 'object' || Array.isArray(card)) throw bad('attachment content must be the card object.');
  if (card.type !== 'AdaptiveCard') throw bad('the card type must be AdaptiveCard.');
  if (typeof card.version !== 'string' || !/^1\.\d+$/.test(card.version)) throw bad('the card needs a 1.x version.');
  if (!Array.isArray(card.body)) throw bad('the card needs a body array.');
  const unsupported = actionsIn(card).find((action) => !ACTIONS.has(String(action.type)));
  if (unsupported) throw bad(`${String(unsupported.type)} is not supported through incoming webhooks.`);
  return card;
}

/** POST /_emulator/teams/{channel}: records each card and answers 200 with the body `1`. */
export async function receiveTeamsMessage(req: IncomingMessage, res: ServerResponse, channel: string, channels: TeamsChannels) {
  const message = (await readJson(req, () => bad('the body is not JSON.'))) as Json | null;
  if (!message || typeof message !== 'object') throw bad('the body must be a JSON object.');
  if (message.type !== 'message') throw bad('"type" must be "message".');
  if (!Array.isArray(message.attachments) || message.attachments.length === 0) throw bad('"attachments" must hold the card.');
  const cards = message.attachments.map(checkCard);
  const postedAt = new Date().toISOString();
  for (const card of cards) channels.record({ id: randomUUID(), channel, card, postedAt });
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '1' });
  res.end('1');
}
