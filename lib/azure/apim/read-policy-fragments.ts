import 'server-only';
import { apimClient, apimService } from './client';

/**
 * Every policy fragment of the service (ARM `service/{svc}/policyFragments`, api-version 2024-05-01), id → XML as the
 * list returns it (`xml` format, the `<fragment>` document). Policies include fragments by id through
 * `<include-fragment fragment-id="…" />`, so reading access rules that use them needs the fragments too.
 */
export async function listPolicyFragments(): Promise<Record<string, string>> {
  const { resourceGroup, serviceName } = apimService();
  const fragments: Record<string, string> = {};
  for await (const fragment of apimClient().policyFragment.listByService(resourceGroup, serviceName)) {
    if (fragment.name && typeof fragment.value === 'string') fragments[fragment.name] = fragment.value;
  }
  return fragments;
}
