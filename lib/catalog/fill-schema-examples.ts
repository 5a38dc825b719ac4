import type { ApimOperation, ApimSchema } from '@/lib/azure/apim/types';
import { sampleFromSchema, type JsonSchema } from './sample-from-schema';

/** Whether any request representation names a schema type but gives no example: only then are the API's schemas read. */
export function needsSchemaExamples(operations: ApimOperation[]): boolean {
  return operations.some((op) => op.representations.some((r) => !r.example && r.schemaId && r.typeName));
}

/**
 * The operations with a body made from its schema type for each JSON representation that has none, so the console
 * opens with something to send; an example the API declares always wins, and a type that cannot be found gives none.
 */
export function fillSchemaExamples(operations: ApimOperation[], schemas: ApimSchema[]): ApimOperation[] {
  return operations.map((op) => ({
    ...op,
    representations: op.representations.map((r) => {
      if (r.example || !r.schemaId || !r.typeName || !/json/i.test(r.contentType)) return r;
      const schema = schemas.find((s) => s.id.toLowerCase() === r.schemaId!.toLowerCase());
      const definitions = (schema?.definitions ?? {}) as Record<string, JsonSchema>;
      const example = sampleFromSchema({ $ref: `#/definitions/${r.typeName}` }, definitions);
      return example ? { ...r, example, exampleFromSchema: true } : r;
    }),
  }));
}
