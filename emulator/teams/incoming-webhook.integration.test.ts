// Rule: the local Teams incoming webhook takes the Adaptive Card message Microsoft documents, records each card, and refuses what Teams does not accept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../start';

let emu: RunningEmulator;
const post = (body: unknown) =>
  fetch(emu.connection.notifications.teamsWebhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const cards = async () =>
  ((await (await fetch(`${emu.urls.authorityHost}/_emulator/teams`)).json()) as { value: { channel: string; card: unknown }[] }).value;

// connectors-using.md ("Send Adaptive Cards using an incoming webhook"), step 2's payload.
const documented = {
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.2',
        body: [
          {
            type: 'TextBlock',
            text: 'For Samples and Templates, see [https://adaptivecards.io/samples](https://adaptivecards.io/samples)',
          },
        ],
      },
    },
  ],
};

beforeAll(async () => {
  emu = await startEmulator({ ports: { entra: 0 }, surfaces: ['entra'] });
});
afterAll(() => emu?.stop());
beforeEach(async () => {
  await fetch(`${emu.urls.authorityHost}/_emulator/teams`, { method: 'DELETE' });
});

describe('Teams incoming webhook', () => {
  it('accepts the documented Adaptive Card message with 200 "1" and records the card on its channel', async () => {
    const response = await post(documented);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1');
    expect(await cards()).toEqual([
      { id: expect.any(String), channel: 'api-access', card: documented.attachments[0]!.content, postedAt: expect.any(String) },
    ]);
  });

  it('refuses a payload that is not a message of Adaptive Cards, or a card with Action.Submit', async () => {
    const card = documented.attachments[0]!;
    const refused = [
      { ...documented, type: 'AdaptiveCard' },
      { type: 'message', attachments: [] },
      { type: 'message', attachments: [{ ...card, contentType: 'application/vnd.microsoft.card.hero' }] },
      { type: 'message', attachments: [{ ...card, content: { ...card.content, version: '2.0' } }] },
      { type: 'message', attachments: [{ ...card, content: { ...card.content, actions: [{ type: 'Action.Submit', title: 'Approve' }] } }] },
    ];
    for (const body of refused) expect((await post(body)).status, JSON.stringify(body)).toBe(400);
    const openUrl = {
      ...card,
      content: { ...card.content, actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://example.com' }] },
    };
    expect((await post({ type: 'message', attachments: [openUrl] })).status).toBe(200);
    expect(await cards()).toHaveLength(1);
  });
});
