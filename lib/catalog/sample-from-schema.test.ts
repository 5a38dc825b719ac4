// Rule: an operation with a schema but no example still gets a body a person can send: required fields, typed and formatted values, enums' first value, references within the API's definitions, and no endless nesting.
import { describe, expect, it } from 'vitest';
import { sampleFromSchema, type JsonSchema } from './sample-from-schema';

const parsed = (schema: JsonSchema, definitions = {}) => JSON.parse(sampleFromSchema(schema, definitions)) as unknown;

describe('sampleFromSchema', () => {
  it('fills the required properties with values of their type, format and first enum value', () => {
    const order: JsonSchema = {
      type: 'object',
      required: ['customerId', 'placedAt', 'status', 'quantity', 'express', 'day', 'email'],
      properties: {
        customerId: { type: 'string', format: 'uuid' },
        placedAt: { type: 'string', format: 'date-time' },
        status: { type: 'string', enum: ['open', 'closed'] },
        quantity: { type: 'integer', minimum: 1 },
        express: { type: 'boolean' },
        day: { type: 'string', format: 'date' },
        email: { type: 'string', format: 'email' },
        note: { type: 'string' },
      },
    };
    expect(parsed(order)).toEqual({
      customerId: '00000000-0000-0000-0000-000000000000',
      placedAt: '2026-01-01T00:00:00Z',
      status: 'open',
      quantity: 1,
      express: false,
      day: '2026-01-01',
      email: 'user@example.com',
    });
  });

  it('uses every property when none is marked required, and a property’s own example or default first', () => {
    expect(parsed({ properties: { name: { type: 'string', example: 'Widget' }, size: { type: 'number', default: 3 } } })).toEqual({
      name: 'Widget',
      size: 3,
    });
  });

  it('nests objects and arrays, and resolves $ref in Swagger 2 definitions and OpenAPI 3 components', () => {
    const definitions = {
      Line: { type: 'object', required: ['sku', 'qty'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } },
      Address: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
    };
    const schema: JsonSchema = {
      type: 'object',
      required: ['lines', 'shipTo'],
      properties: { lines: { type: 'array', items: { $ref: '#/definitions/Line' } }, shipTo: { $ref: '#/components/schemas/Address' } },
    };
    expect(parsed(schema, definitions)).toEqual({ lines: [{ sku: 'string', qty: 0 }], shipTo: { city: 'string' } });
  });

  it('merges allOf parts and takes the first of oneOf', () => {
    const schema: JsonSchema = {
      allOf: [
        { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
        { type: 'object', required: ['kind'], properties: { kind: { oneOf: [{ type: 'string', enum: ['a'] }, { type: 'integer' }] } } },
      ],
    };
    expect(parsed(schema)).toEqual({ id: 0, kind: 'a' });
  });

  it('stops at a reference back into itself and beyond six levels, and leaves out references it cannot resolve', () => {
    const definitions: Record<string, JsonSchema> = {
      Node: {
        type: 'object',
        required: ['name', 'child'],
        properties: { name: { type: 'string' }, child: { $ref: '#/definitions/Node' } },
      },
    };
    expect(parsed({ $ref: '#/definitions/Node' }, definitions)).toEqual({ name: 'string' });
    expect(parsed({ type: 'object', required: ['x'], properties: { x: { $ref: 'https://elsewhere.example/schema.json' } } })).toEqual({});
    let deep: JsonSchema = { type: 'string' };
    for (let i = 0; i < 10; i++) deep = { type: 'object', required: ['next'], properties: { next: deep } };
    expect(JSON.stringify(parsed(deep)).match(/next/g)).toHaveLength(6);
  });

  it('answers an empty body when the schema says nothing it can use', () => {
    expect(sampleFromSchema({})).toBe('');
    expect(sampleFromSchema({ $ref: '#/definitions/Missing' })).toBe('');
  });
});
