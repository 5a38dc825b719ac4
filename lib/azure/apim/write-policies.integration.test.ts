// Rule: a policy Roleport creates where none existed never overwrites one created meanwhile (If-None-Match: *), and an edit needs the ETag it was read at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortalTestEnv, type PortalTestEnv } from '@/test/harness/portal-test-env';
import { readOperationPolicyVersion } from './read-policy-versions';
import { PolicyConflictError, writePolicy } from './write-policies';

let env: PortalTestEnv;
beforeAll(async () => {
  env = await startPortalTestEnv();
});
afterAll(async () => env?.close());

const TARGET = { kind: 'operation', apiId: 'inventory', operationId: 'list-warehouses' } as const;
const policy = (header: string) =>
  `<policies>\r\n  <inbound>\r\n    <base />\r\n    <set-header name="X-Writer" exists-action="override">\r\n      <value>${header}</value>\r\n    </set-header>\r\n  </inbound>\r\n</policies>`;

describe('creating a policy where none existed', () => {
  it('refuses to overwrite a policy another writer created between the read and the write', async () => {
    expect(await readOperationPolicyVersion(TARGET.apiId, TARGET.operationId)).toBeNull();
    // Another administrator creates one meanwhile (the same call, as any other client makes it).
    await writePolicy(TARGET, policy('@(context.Request.Headers.GetValueOrDefault("X-Other", "other"))'), undefined);
    const theirs = await readOperationPolicyVersion(TARGET.apiId, TARGET.operationId);
    expect(theirs?.xml).toContain('GetValueOrDefault("X-Other", "other")');

    const mine = writePolicy(TARGET, policy('roleport'), undefined);
    await expect(mine).rejects.toBeInstanceOf(PolicyConflictError);
    await expect(mine).rejects.toThrow(/created in API Management after Roleport found none/);
    expect(await readOperationPolicyVersion(TARGET.apiId, TARGET.operationId)).toEqual(theirs);

    // With the ETag of what is there now, the edit goes through.
    await writePolicy(TARGET, policy('roleport'), theirs!.etag);
    expect((await readOperationPolicyVersion(TARGET.apiId, TARGET.operationId))?.xml).toContain('<value>roleport</value>');
  });
});
