// No `server-only` marker: loaded by the instrumentation hook and by tests under plain Node.
import * as coreTracing from '@azure/core-tracing';
import { AzureSdkInstrumentation } from '@azure/opentelemetry-instrumentation-azure-sdk';

/**
 * Makes the Azure SDKs (ARM's ApiManagementClient, the identity credentials) emit OpenTelemetry spans for every
 * operation and HTTP attempt. Microsoft's instrumentation does it by patching `@azure/core-tracing` on `require`, which
 * a bundled server never calls; here its own module definition is applied to the one loaded copy (next.config.js keeps
 * `@azure/core-tracing` external, so every SDK shares it).
 */
export function enableAzureSdkTracing(): void {
  const instrumentation = new AzureSdkInstrumentation({ enabled: false });
  for (const definition of instrumentation.getModuleDefinitions()) {
    definition.patch?.({ ...coreTracing }, definition.moduleVersion);
  }
}
