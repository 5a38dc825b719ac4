// The summary table's rows: each measured number beside its target from the issues.
import type { AccessResults } from './access-bench';
import type { RouteJs } from './first-load-js';
import { ms, type SummaryRow } from './numbers';
import { PAGE_LABELS, type PageKind } from './page-timings';

export interface PageRow {
  kind: PageKind;
  cold: boolean;
  n: number;
  p50: number;
  p95: number;
  /** Server CPU per view, and the bytes of one view (full-load HTML; RSC payload of a client-side navigation). */
  cpuMsPerView: number;
  htmlBytes: number;
  rscBytes: number;
  /** One user alone: the first view (cold) or the median of ten in a row (warm), and its CPU per view. */
  aloneMs?: number;
  aloneCpuMs?: number;
}

export interface SummaryInput {
  syncRatio: number;
  syncSeconds: number;
  throttleFloorS: number;
  pageRows: PageRow[];
  /** One emulator round trip in ms (the slower of ARM and Graph). */
  unit: number;
  one: { armCalls: number; graphCalls: number };
  adminRefresh: { armCalls: number; graphCalls: number };
  access: AccessResults;
  graphMs: number;
  freshness: { p50: number; p95: number; missed: number; samples: number[] };
  js: RouteJs[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Beside each page figure: its p50, server CPU and bytes per view, and what one user alone gets. */
export function pageDetail(r: PageRow): string {
  const alone = r.aloneMs === undefined ? '' : `; alone ${ms(r.aloneMs)}, ${(r.aloneCpuMs ?? Number.NaN).toFixed(1)} ms CPU`;
  return `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}; ${r.cpuMsPerView.toFixed(1)} ms CPU/view; HTML ${kb(r.htmlBytes)} + RSC ${kb(r.rscBytes)}${alone}`;
}

/** The page targets: warm p95 ≤ 0.5 and cold p95 ≤ 1.5 round trips. */
export function pageSummaryRows(rows: PageRow[], unit: number): SummaryRow[] {
  return rows.map((r) => ({
    name: `${PAGE_LABELS[r.kind]} ${r.cold ? 'cold' : 'warm'} p95 (RTTs)`,
    value: r.p95 / unit,
    unit: '×',
    target: r.cold ? 1.5 : 0.5,
    kind: 'max',
    detail: pageDetail(r),
  }));
}

export function summaryRows(input: SummaryInput): SummaryRow[] {
  const { access, one, unit } = input;
  const c = access.concurrent;
  return [
    {
      name: 'Full sync / throttle-bound minimum',
      value: input.syncRatio,
      unit: '×',
      target: 1.2,
      kind: 'max',
      detail: `${input.syncSeconds.toFixed(0)} s vs ${input.throttleFloorS.toFixed(0)} s`,
    },
    ...pageSummaryRows(input.pageRows, unit),
    {
      name: 'One-API refresh (event) Azure calls',
      value: one.armCalls + one.graphCalls,
      unit: '',
      target: 15,
      kind: 'max',
      detail: `${one.armCalls} ARM + ${one.graphCalls} Graph; admin's button ${input.adminRefresh.armCalls} + ${input.adminRefresh.graphCalls}`,
    },
    {
      name: 'ARM write → API page p95',
      value: input.freshness.missed > 0 ? Number.NaN : input.freshness.p95,
      unit: ' ms',
      target: 5000,
      kind: 'max',
      detail: `p50 ${ms(input.freshness.p50)}, n=${input.freshness.samples.length}, ${input.freshness.missed} missed`,
    },
    {
      name: 'First-load JS, heaviest route (KB gzip)',
      value: (input.js[0]?.gzipBytes ?? Number.NaN) / 1024,
      unit: ' KB',
      target: 130,
      kind: 'max',
      detail: `${input.js[0]?.route ?? 'n/a'}; lightest ${input.js.at(-1)?.route ?? 'n/a'} ${((input.js.at(-1)?.gzipBytes ?? 0) / 1024).toFixed(1)} KB`,
    },
    {
      name: 'Approval → assignment p95 (Graph RTTs)',
      value: access.p95 / input.graphMs,
      unit: '×',
      target: 3,
      kind: 'max',
      detail: `p50 ${ms(access.p50)}, p95 ${ms(access.p95)}`,
    },
    { name: `${c.approvals} approvals under faults: duplicates`, value: c.duplicates, unit: '', target: 0, kind: 'exact' },
    {
      name: `${c.approvals} approvals under faults: lost`,
      value: c.lost,
      unit: '',
      target: 0,
      kind: 'exact',
      detail: `${c.created} created, ${c.failed} failed, ${c.seconds.toFixed(1)} s`,
    },
  ];
}
