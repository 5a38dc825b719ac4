// Named values as the REST spec defines them (2024-05-01 `apimnamedvalues.json`, `definitions.json`
// NamedValueCreateContract): list, get, getEntityTag, createOrUpdate (PUT, If-Match optional), update (PATCH,
// If-Match required), delete (If-Match required), listValue (POST). Secret values never appear in GET or list.
import { findKey, newEtag } from '../apim/state';
import type { NamedValueRecord } from '../apim/types';
import { namedValueEnvelope } from './arm-envelopes';
import { ifMatchAllows, methodNotAllowed, readJson, word, type ArmRequest, type ArmResult } from './arm-request';
import { ArmError, pageOf } from './arm-response';
import { namedValueInput, type NamedValueInput } from './named-value-input';

const FILTERABLE = ['name', 'displayName', 'tags', 'value'] as const;
const fields = (v: NamedValueRecord) => ({
  name: v.id,
  displayName: v.displayName,
  tags: v.tags.join(','),
  value: v.secret ? null : v.value,
});

function header(r: ArmRequest, name: string): string | undefined {
  const value = r.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function requireIfMatch(r: ArmRequest, current: NamedValueRecord): void {
  const ifMatch = header(r, 'if-match');
  if (ifMatch === undefined) throw new ArmError(400, 'ValidationError', "The 'If-Match' header is required for this operation.");
  if (!ifMatchAllows(ifMatch, current.etag)) throw preconditionFailed();
}

const preconditionFailed = () =>
  new ArmError(412, 'PreconditionFailed', 'The entity has been modified since it was retrieved; refresh it and apply the change again.');
const notFound = () => new ArmError(404, 'ResourceNotFound', 'NamedValue not found.');

/** Resolves a Key Vault reference against the emulated vault; a secret it cannot read is refused (stricter than retrying later). */
function resolve(r: ArmRequest, input: NamedValueInput, id: string, etag: string): NamedValueRecord {
  const record: NamedValueRecord = {
    id,
    displayName: input.displayName,
    value: input.value ?? '',
    secret: input.secret,
    tags: input.tags,
    etag,
  };
  if (!input.keyVault) return record;
  const secret = r.state.keyVaultSecrets.get(input.keyVault.secretIdentifier);
  if (secret === undefined)
    throw new ArmError(
      400,
      'ValidationError',
      `Cannot retrieve the Key Vault secret '${input.keyVault.secretIdentifier}': it does not exist or the service identity cannot read it.`,
    );
  return {
    ...record,
    value: secret,
    keyVault: {
      secretIdentifier: input.keyVault.secretIdentifier,
      ...(input.keyVault.identityClientId ? { identityClientId: input.keyVault.identityClientId } : {}),
      lastStatus: { code: 'Success', timeStampUtc: new Date().toISOString() },
    },
  };
}

function checkUniqueName(r: ArmRequest, displayName: string, id: string): void {
  const clash = [...r.state.namedValues.values()].find(
    (v) => v.displayName.toLowerCase() === displayName.toLowerCase() && v.id.toLowerCase() !== id.toLowerCase(),
  );
  // displayName is documented as the value's unique name; the exact error APIM gives is not published (stricter: 409).
  if (clash) throw new ArmError(409, 'Conflict', `A named value with the name '${displayName}' already exists.`);
}

/** Policies whose text refers to `{{displayName}}`. */
function referencingScopes(r: ArmRequest, displayName: string): string[] {
  const wanted = displayName.toLowerCase();
  return [...r.state.policies.entries()]
    .filter(([, policy]) => [...policy.xml.matchAll(/\{\{([^{}]+)\}\}/g)].some((m) => (m[1] as string).trim().toLowerCase() === wanted))
    .map(([scope]) => scope);
}

export async function handleNamedValues(r: ArmRequest): Promise<ArmResult | undefined> {
  if (word(r, 0) !== 'namedvalues') return undefined;
  const service = r.state.service;
  const n = r.segments.length;
  if (n === 1) {
    if (r.method !== 'GET') throw methodNotAllowed(r);
    const page = pageOf([...r.state.namedValues.values()], { url: r.url, origin: r.origin }, { fields, filterable: FILTERABLE });
    return {
      status: 200,
      body: { value: page.value.map((v) => namedValueEnvelope(service, v)), count: page.count, nextLink: page.nextLink },
    };
  }
  const id = r.segments[1] as string;
  const key = findKey(r.state.namedValues, id);
  const current = key === undefined ? undefined : r.state.namedValues.get(key);
  if (n === 3) {
    if (word(r, 2) !== 'listvalue') return undefined;
    if (r.method !== 'POST') throw methodNotAllowed(r);
    if (!current) throw notFound();
    return { status: 200, body: { value: current.value }, headers: { ETag: `"${current.etag}"` } };
  }
  if (n !== 2) return undefined;
  switch (r.method) {
    case 'GET':
    case 'HEAD':
      if (!current) throw notFound();
      return {
        status: 200,
        body: r.method === 'HEAD' ? undefined : namedValueEnvelope(service, current),
        headers: { ETag: `"${current.etag}"` },
      };
    case 'PUT': {
      if (!/^[^*#&+:<>?]{1,256}$/.test(id)) throw new ArmError(400, 'ValidationError', `Named value id '${id}' is not valid.`);
      const input = namedValueInput(await readJson(r), null);
      if (current && !ifMatchAllows(header(r, 'if-match'), current.etag)) throw preconditionFailed();
      checkUniqueName(r, input.displayName, id);
      const record = resolve(r, input, current?.id ?? id, newEtag());
      r.state.namedValues.set(record.id, record);
      return { status: current ? 200 : 201, body: namedValueEnvelope(service, record), headers: { ETag: `"${record.etag}"` } };
    }
    case 'PATCH': {
      if (!current) throw notFound();
      requireIfMatch(r, current);
      const input = namedValueInput(await readJson(r), current);
      checkUniqueName(r, input.displayName, current.id);
      const record = resolve(r, input, current.id, newEtag());
      r.state.namedValues.set(record.id, record);
      return { status: 200, body: namedValueEnvelope(service, record), headers: { ETag: `"${record.etag}"` } };
    }
    case 'DELETE': {
      if (!current) return { status: 204 };
      requireIfMatch(r, current);
      const users = referencingScopes(r, current.displayName);
      // Policies keep working only while their named values exist; APIM's exact refusal is not published (stricter: refuse).
      if (users.length > 0)
        throw new ArmError(
          409,
          'Conflict',
          `The named value '${current.displayName}' is referenced by policies (${users.join(', ')}); remove the references first.`,
        );
      r.state.namedValues.delete(current.id);
      return { status: 200 };
    }
    default:
      throw methodNotAllowed(r);
  }
}
