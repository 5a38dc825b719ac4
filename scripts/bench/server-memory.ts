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
