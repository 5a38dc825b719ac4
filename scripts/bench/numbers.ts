// Percentiles and the summary table: every speed target is a ratio to one emulator round trip measured in the same run.

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export const median = (samples: number[]) => percentile(samples, 50);

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export interface SummaryRow {
  name: string;
  value: number;
  /** How the value prints, e.g. '×', ' ms', ''. */
  unit: string;
  target: number;
  /** 'max': value must be ≤ target; 'exact': value must equal target. */
  kind: 'max' | 'exact';
  detail?: string;
}

const fmt = (n: number, unit: string) =>
  Number.isFinite(n) ? `${unit === '×' ? n.toFixed(2) : Number.isInteger(n) ? String(n) : n.toFixed(1)}${unit}` : 'n/a';

export function passes(row: SummaryRow): boolean {
  if (!Number.isFinite(row.value)) return false;
  return row.kind === 'exact' ? row.value === row.target : row.value <= row.target;
}

export function summaryTable(rows: SummaryRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    fmt(r.value, r.unit),
    `${r.kind === 'exact' ? '=' : '≤'} ${fmt(r.target, r.unit)}`,
    passes(r) ? 'PASS' : 'MISS',
    r.detail ?? '',
  ]);
  const header = ['Measure', 'Value', 'Target', 'Result', 'Detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export const ms = (n: number) => `${Number.isFinite(n) ? n.toFixed(0) : 'n/a'} ms`;
