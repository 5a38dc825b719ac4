// Rule: both Event Grid delivery schemas are read alike, the validation handshake is recognised, and malformed bodies are refused.
import { describe, expect, it } from 'vitest';
import { parseEventDelivery, VALIDATION_EVENT_TYPE } from './parse-event-delivery';

const SERVICE = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/svc';

// The API updated example of learn.microsoft.com/azure/event-grid/event-schema-api-management, in both schemas.
const eventGridSchema = [
  {
    id: '95015754-aa51-4eb6-98d9-9ee322b82ad7',
    topic: SERVICE,
    subject: '/apis/myapi;Rev=1',
    data: { resourceUri: `${SERVICE}/apis/myapi;Rev=1` },
    eventType: 'Microsoft.ApiManagement.APIUpdated',
    dataVersion: '1',
    metadataVersion: '1',
    eventTime: '2021-07-12T23:13:44.9048323Z',
  },
];
const cloudEvents = [
  {
    id: '95015754-aa51-4eb6-98d9-9ee322b82ad7',
    source: SERVICE,
    subject: '/apis/myapi;Rev=1',
    data: { resourceUri: `${SERVICE}/apis/myapi;Rev=1` },
    Type: 'Microsoft.ApiManagement.APIUpdated',
    Time: '2021-07-12T23:13:44.9048323Z',
    specversion: '1.0',
  },
];

describe('parseEventDelivery', () => {
  it('reads the Event Grid schema', () => {
    expect(parseEventDelivery(eventGridSchema)).toEqual({
      kind: 'events',
      schema: 'EventGridSchema',
      events: [
        {
          id: '95015754-aa51-4eb6-98d9-9ee322b82ad7',
          type: 'Microsoft.ApiManagement.APIUpdated',
          subject: '/apis/myapi;Rev=1',
          source: SERVICE,
        },
      ],
    });
  });

  it('reads CloudEvents, batched or one structured event, whatever the case of the attribute names', () => {
    const expected = {
      id: '95015754-aa51-4eb6-98d9-9ee322b82ad7',
      type: 'Microsoft.ApiManagement.APIUpdated',
      subject: '/apis/myapi;Rev=1',
      source: SERVICE,
    };
    expect(parseEventDelivery(cloudEvents)).toEqual({ kind: 'events', schema: 'CloudEventSchemaV1_0', events: [expected] });
    expect(parseEventDelivery(cloudEvents[0])).toEqual({ kind: 'events', schema: 'CloudEventSchemaV1_0', events: [expected] });
  });

  it('recognises the subscription validation event and its code', () => {
    const validation = [
      {
        id: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
        topic: '/subscriptions/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
        subject: '',
        data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6', validationUrl: 'https://rp-eastus2.eventgrid.azure.net:553/x' },
        eventType: VALIDATION_EVENT_TYPE,
        eventTime: '2018-01-25T22:12:19.4556811Z',
        metadataVersion: '1',
        dataVersion: '1',
      },
    ];
    expect(parseEventDelivery(validation)).toEqual({ kind: 'validation', validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
  });

  it('refuses bodies that are not deliveries', () => {
    expect(parseEventDelivery('text').kind).toBe('invalid');
    expect(parseEventDelivery([]).kind).toBe('invalid');
    expect(parseEventDelivery([1]).kind).toBe('invalid');
    expect(parseEventDelivery([{ id: 'x' }]).kind).toBe('invalid');
    expect(parseEventDelivery([{ eventType: 'Microsoft.ApiManagement.APIUpdated' }]).kind).toBe('invalid');
    expect(parseEventDelivery([{ id: 'x', eventType: VALIDATION_EVENT_TYPE, data: {} }]).kind).toBe('invalid');
    expect(parseEventDelivery([{ id: 'x', eventType: 'Microsoft.ApiManagement.APIUpdated', subject: 'a'.repeat(5000) }])).toMatchObject({
      kind: 'events',
      events: [{ subject: '' }],
    });
  });
});
