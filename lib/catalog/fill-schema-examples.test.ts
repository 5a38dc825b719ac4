// Rule: an operation whose body is described only by a schema type gets a body made from it; a declared example always wins, and an API without such operations has its schemas left unread.
import { describe, expect, it } from 'vitest';
import type { ApimOperation, ApimSchema } from '@/lib/azure/apim/types';
import { fillSchemaExamples, needsSchemaExamples } from './fill-schema-examples';

const operation = (representations: ApimOperation['representations']): ApimOperation => ({
  id: 'create-order',
  displayName: 'Create order',
  method: 'POST',
  urlTemplate: '/orders',
  description: '',
  parameters: [],
  representations,
});
const swagger: ApimSchema = {
  id: 'orders-schema',
  contentType: 'application/vnd.ms-azure-apim.swagger.definitions+json',
  definitions: {
    NewOrder: {
      type: 'object',
      required: ['sku', 'placedAt'],
      properties: { sku: { type: 'string' }, placedAt: { type: 'string', format: 'date-time' } },
    },
  },
};

describe('fillSchemaExamples', () => {
  it('makes a body from the representation’s schema type when the operation declares no example', () => {
    const [filled] = fillSchemaExamples(
      [operation([{ contentType: 'application/json', schemaId: 'Orders-Schema', typeName: 'NewOrder' }])],
      [swagger],
    );
    expect(JSON.parse(filled!.representations[0]!.example!)).toEqual({ sku: 'string', placedAt: '2026-01-01T00:00:00Z' });
    expect(filled!.representations[0]!.exampleFromSchema).toBe(true);
  });

  it('keeps a declared example, skips XML bodies and unknown types, and reads schemas only when some body needs one', () => {
    const declared = operation([
      { contentType: 'application/json', example: '{"sku":"A1"}', schemaId: 'orders-schema', typeName: 'NewOrder' },
    ]);
    const xml = operation([{ contentType: 'text/xml', schemaId: 'orders-schema', typeName: 'NewOrder' }]);
    const unknown = operation([{ contentType: 'application/json', schemaId: 'orders-schema', typeName: 'Missing' }]);
    const [a, b, c] = fillSchemaExamples([declared, xml, unknown], [swagger]);
    expect(a!.representations[0]!.example).toBe('{"sku":"A1"}');
    expect(b!.representations[0]!.example).toBeUndefined();
    expect(c!.representations[0]!.example).toBeUndefined();
    expect(needsSchemaExamples([declared])).toBe(false);
    expect(needsSchemaExamples([operation([{ contentType: 'application/json' }])])).toBe(false);
    expect(needsSchemaExamples([unknown])).toBe(true);
  });
});
