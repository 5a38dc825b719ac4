import type { SurfaceName } from '../context';
import { TokenBucket, type ThrottleSettings } from './token-bucket';

export type FaultKind = '429' | '500' | '503' | 'timeout' | 'drop';

export interface ScriptedFault {
  surface: SurfaceName;
  method?: string;
  pathContains?: string;
  kind: FaultKind;
  times: number;
  retryAfterSeconds?: number;
}

export interface FaultSettings {
  latencyMs?: Partial<Record<SurfaceName, number>>;
  armThrottle?: ThrottleSettings | null;
  script?: ScriptedFault[];
}

const SURFACES: SurfaceName[] = ['entra', 'graph', 'arm', 'gateway'];
const KINDS: FaultKind[] = ['429', '500', '503', 'timeout', 'drop'];

/** Latency, ARM throttling and a queue of scripted failures, shared by every surface server. */
export class FaultState {
  latencyMs: Partial<Record<SurfaceName, number>> = {};
  private bucket: TokenBucket | null = null;
  private script: ScriptedFault[] = [];

  constructor(initial: FaultSettings = {}) {
    this.apply(initial);
  }

  /** Applies the given parts; a script is appended to the queue. */
  apply(settings: FaultSettings) {
    if (settings.latencyMs) this.latencyMs = { ...this.latencyMs, ...settings.latencyMs };
    if (settings.armThrottle !== undefined) this.bucket = settings.armThrottle ? new TokenBucket(settings.armThrottle) : null;
    if (settings.script) this.script.push(...settings.script.map((f) => ({ ...f })));
  }

  clear() {
    this.latencyMs = {};
    this.bucket = null;
    this.script = [];
  }

  /** Consumes one use of the first scripted fault matching the request. */
  takeScripted(surface: SurfaceName, method: string, path: string): ScriptedFault | null {
    const fault = this.script.find(
      (f) =>
        f.surface === surface &&
        f.times > 0 &&
        (!f.method || f.method.toUpperCase() === method.toUpperCase()) &&
        (!f.pathContains || path.includes(f.pathContains)),
    );
    if (!fault) return null;
    fault.times -= 1;
    this.script = this.script.filter((f) => f.times > 0);
    return fault;
  }

  takeArmRead() {
    return this.bucket ? this.bucket.take() : null;
  }

  snapshot() {
    return { latencyMs: this.latencyMs, armThrottle: this.bucket?.settings ?? null, script: this.script };
  }
}

/** Validates a control-endpoint body; returns a message for the first problem. */
export function parseFaultSettings(body: unknown): FaultSettings | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Body must be a JSON object.';
  const { latencyMs, armThrottle, script } = body as Record<string, unknown>;
  const out: FaultSettings = {};
  if (latencyMs !== undefined) {
    if (typeof latencyMs !== 'object' || latencyMs === null) return 'latencyMs must be an object of surface → milliseconds.';
    for (const [k, v] of Object.entries(latencyMs)) {
      if (!SURFACES.includes(k as SurfaceName) || typeof v !== 'number' || v < 0) return `latencyMs.${k} is not valid.`;
    }
    out.latencyMs = latencyMs as Partial<Record<SurfaceName, number>>;
  }
  if (armThrottle !== undefined) {
    if (armThrottle !== null) {
      const t = armThrottle as Record<string, unknown>;
      if (typeof t.burst !== 'number' || typeof t.refillPerSecond !== 'number' || t.burst < 1 || t.refillPerSecond < 0)
        return 'armThrottle must be {burst >= 1, refillPerSecond >= 0} or null.';
    }
    out.armThrottle = armThrottle as ThrottleSettings | null;
  }
  if (script !== undefined) {
    if (!Array.isArray(script)) return 'script must be an array.';
    for (const f of script as Record<string, unknown>[]) {
      if (!SURFACES.includes(f.surface as SurfaceName)) return `script surface '${String(f.surface)}' is unknown.`;
      if (!KINDS.includes(f.kind as FaultKind)) return `script kind '${String(f.kind)}' is unknown.`;
      if (typeof f.times !== 'number' || f.times < 1) return 'script times must be a number >= 1.';
    }
    out.script = script as ScriptedFault[];
  }
  return out;
}
