// The portal's memory: the peak resident set (VmHWM in /proc/<pid>/status) of the server process and any process it
// started, as Linux counts it. Elsewhere the figure is not available.
import { existsSync, readFileSync } from 'node:fs';

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return out;
  const children = readFileSync(`${tasks}/${pid}/children`, 'utf8').trim();
  for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(child, ...descendants(child));
  return out;
}

/** Peak and current resident memory in MB of the largest process in the portal's tree (the Next.js server). */
export function serverMemory(pid: number | undefined): { peakMb: number; currentMb: number; processes: number } {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return { peakMb: Number.NaN, currentMb: Number.NaN, processes: 0 };
  const pids = [pid, ...descendants(pid)].filter((p) => existsSync(`/proc/${p}/status`));
  const peak = Math.max(...pids.map((p) => statusKb(p, 'VmHWM')));
  const current = Math.max(...pids.map((p) => statusKb(p, 'VmRSS')));
  return { peakMb: peak / 1024, currentMb: current / 1024, processes: pids.length };
}

/**
 * Samples the server's resident memory every `everyMs` and keeps the highest figure seen in each phase the caller names,
 * so the peak can be placed (start-up and sync, pages, long lists, ...).
 */
export function sampleServerMemory(pid: number | undefined, everyMs = 500) {
  const peaks = new Map<string, number>();
  let phase = 'start-up';
  const timer = setInterval(() => {
    const { currentMb } = serverMemory(pid);
    if (Number.isFinite(currentMb)) peaks.set(phase, Math.max(peaks.get(phase) ?? 0, currentMb));
  }, everyMs);
  timer.unref();
  return {
    phase(name: string) {
      phase = name;
    },
    stop(): string {
      clearInterval(timer);
      return [...peaks].map(([name, mb]) => `${name} ${mb.toFixed(0)} MB`).join(', ');
    },
  };
}
