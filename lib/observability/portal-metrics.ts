// No `server-only` marker: recorded from worker modules that tests load under plain Node.
import { metrics, ValueType, type Histogram, type Meter } from '@opentelemetry/api';

interface Instruments {
  meter: Meter;
  provisioningLatency: Histogram;
  syncDuration: Histogram;
  throttleWait: Histogram;
}

let current: { provider: unknown; instruments: Instruments } | undefined;

// Instruments belong to the meter provider registered when they are made: made again if another one was registered
// since (start-up registers it; tests register their own). Without one, the API's no-op meter costs nothing.
function instruments(): Instruments {
  const provider = metrics.getMeterProvider();
  if (current?.provider === provider) return current.instruments;
  const meter = metrics.getMeter('roleport');
  const made: Instruments = {
    meter,
    provisioningLatency: meter.createHistogram('roleport.provisioning.latency', {
      description: 'From a provisioning job being queued to its Graph change being recorded',
      unit: 'ms',
      valueType: ValueType.DOUBLE,
    }),
    syncDuration: meter.createHistogram('roleport.catalog.sync.duration', {
      description: 'Duration of one catalog sync from ARM and Graph',
      unit: 'ms',
      valueType: ValueType.DOUBLE,
    }),
    throttleWait: meter.createHistogram('roleport.azure.throttle.wait', {
      description: 'Time calls were held after Azure answered 429 (Retry-After)',
      unit: 'ms',
      valueType: ValueType.DOUBLE,
    }),
  };
  current = { provider, instruments: made };
  return made;
}

export function recordProvisioningLatency(ms: number, attributes: { action: string; outcome: string }): void {
  instruments().provisioningLatency.record(Math.max(0, ms), attributes);
}

export function recordSyncDuration(ms: number, attributes: { status: string }): void {
  instruments().syncDuration.record(Math.max(0, ms), attributes);
}

export function recordThrottleWait(ms: number): void {
  instruments().throttleWait.record(Math.max(0, ms));
}

/** Reports the provisioning queue's depth whenever metrics are collected (never when nothing collects them). */
export function observeQueueDepth(count: () => Promise<{ due: number; total: number }>): void {
  const gauge = instruments().meter.createObservableGauge('roleport.provisioning.queue_depth', {
    description: 'Provisioning jobs waiting (due: runnable now; total: including those backing off)',
    valueType: ValueType.INT,
  });
  gauge.addCallback(async (result) => {
    const depth = await count();
    result.observe(depth.due, { state: 'due' });
    result.observe(depth.total, { state: 'all' });
  });
}
