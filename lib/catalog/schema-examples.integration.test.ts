// Rule: an operation whose body APIM describes only by a schema type (no example) is indexed with a body made from that type, read through the real SDK from the API's schemas.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { addApi } from '../../emulator/apim/catalog-writer';
import type { ApimState } from '../../emulator/apim/types';
import { listIndexedOperations } from './read-index';
import { syncOneApi } from './sync-catalog';

let env: PortalTestEnv;

beforeAll(async () => {
  env = await startPortalTestEnv();
  const state = env.emulator.apim as ApimState;
  addApi(state, { id: 'returns', displayName: 'Returns API', description: '', path: 'returns' }, [
    { id: 'create-return', method: 'POST', urlTemplate: '/returns', displayName: 'Create return', description: '', tag: 'Returns' },
  ]);
  const operation = state.operations.get('returns')!.get('create-return')!;
  operation.request.representations = [{ contentType: 'application/json', schemaId: 'returns-schema', typeName: 'NewReturn' }];
  state.apiSchemas.set(
    'returns',
    new Map([
      [
        'returns-schema',
        {
          id: 'returns-schema',
          apiId: 'returns',
          contentType: 'application/vnd.ms-azure-apim.swagger.definitions+json',
          document: {
            definitions: {
              NewReturn: {
                type: 'object',
                required: ['orderId', 'reason', 'lines'],
                properties: {
                  orderId: { type: 'string', format: 'uuid' },
                  reason: { type: 'string', enum: ['damaged', 'wrong-item'] },
                  lines: { type: 'array', items: { $ref: '#/definitions/Line' } },
                },
              },
              Line: {
                type: 'object',
                required: ['sku', 'quantity'],
                properties: { sku: { type: 'string' }, quantity: { type: 'integer' } },
              },
            },
          },
        },
      ],
    ]),
  );
});
afterAll(async () => env?.close());

it('indexes a body made from the schema type an operation names', async () => {
  await syncOneApi(env.db, 'returns');
  const [operation] = await listIndexedOperations(env.db, 'returns');
  const [representation] = operation!.representations;
  expect(representation).toMatchObject({
    contentType: 'application/json',
    schemaId: 'returns-schema',
    typeName: 'NewReturn',
    exampleFromSchema: true,
  });
  expect(JSON.parse(representation!.example!)).toEqual({
    orderId: '00000000-0000-0000-0000-000000000000',
    reason: 'damaged',
    lines: [{ sku: 'string', quantity: 0 }],
  });
});
