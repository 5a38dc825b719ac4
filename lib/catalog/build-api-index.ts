import 'server-only';
import type { ApimApi, ApimOperation } from '@/lib/azure/apim/types';
import { effectiveInbound } from '@/lib/policy/effective-chain';
import { parseFragments } from '@/lib/policy/parse-fragments';
import { parsePolicy } from '@/lib/policy/parse-policy';
import type { PolicyDocument } from '@/lib/policy/policy-types';
import { deriveOperationAccess, rolesMentioned } from '@/lib/policy/role-requirements';
import type { ApiAccessSummary, IndexedOperation } from './catalog-types';

export interface ApiPolicies {
  global: string | null;
  /** Policy of the product whose subscription a call would use (only for APIs that need a subscription). */
  product: { id: string; xml: string | null } | null;
  api: string | null;
  operations: Record<string, string | null>;
}

export interface BuiltApiIndex {
  operations: IndexedOperation[];
  access: ApiAccessSummary;
}

function parseOrNote(xml: string | null, where: string, notes: string[]): PolicyDocument | null {
  if (!xml) return null;
  const parsed = parsePolicy(xml);
  if (parsed.ok) return parsed.doc;
  notes.push(`The ${where} policy could not be read: ${parsed.error}`);
  return null;
}

const unique = (values: string[]) => [...new Set(values)].sort();

/** Derives, from APIM's data and policies, what each operation of one API requires of a caller's token. */
export function buildApiIndex(
  api: ApimApi,
  operations: ApimOperation[],
  policies: ApiPolicies,
  namedValues: Record<string, string>,
  tags: Map<string, string[]> = new Map(),
  fragmentXml: Record<string, string> = {},
): BuiltApiIndex {
  const notes: string[] = [];
  const fragments = parseFragments(fragmentXml);
  const global = parseOrNote(policies.global, 'global', notes);
  const product = policies.product ? parseOrNote(policies.product.xml, `product "${policies.product.id}"`, notes) : null;
  const apiDoc = parseOrNote(policies.api, 'API', notes);
  const indexed = operations.map((op): IndexedOperation => {
    const opNotes: string[] = [];
    const operation = parseOrNote(policies.operations[op.id] ?? null, 'operation', opNotes);
    const access = deriveOperationAccess(effectiveInbound({ global, product, api: apiDoc, operation }, fragments), { namedValues });
    access.unknowns.push(...notes, ...opNotes);
    return {
      id: op.id,
      displayName: op.displayName,
      method: op.method,
      urlTemplate: op.urlTemplate,
      description: op.description,
      // The first tag is the group the operation is listed under, as APIM's developer portal groups it.
      tag: tags.get(op.id)?.[0] ?? null,
      parameters: op.parameters,
      representations: op.representations,
      access,
    };
  });
  const validations = indexed.flatMap((op) => op.access.validations);
  const validating = indexed.filter((op) => op.access.validatesToken).length;
  return {
    operations: indexed,
    access: {
      tokenValidation: validating === 0 ? 'none' : validating === indexed.length ? 'all' : 'partial',
      audiences: unique(validations.flatMap((v) => v.audiences)),
      issuers: unique(validations.flatMap((v) => v.issuers)),
      openIdConfigUrls: unique(validations.flatMap((v) => v.openIdConfigUrls)),
      roles: unique(indexed.flatMap((op) => rolesMentioned(op.access))),
      unknowns: unique([...notes, ...indexed.flatMap((op) => op.access.unknowns)]),
    },
  };
}
