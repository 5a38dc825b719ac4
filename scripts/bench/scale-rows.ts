// The summary rows of the long lists and the server's footprint, beside the targets of "ten times the size".
import type { ListPageRow } from './list-pages';
import { ms, type SummaryRow } from './numbers';

export function scaleRows(input: {
  listRows: ListPageRow[];
  unit: number;
  memory: { peakMb: number };
  dbBytes: number;
  engine: string;
}): SummaryRow[] {
  const pages = input.listRows
    .filter((r) => r.key !== 'audit filtered' && r.key !== 'queue next' && r.key !== 'audit next')
    .map((r): SummaryRow => ({
      name: `${r.key[0]?.toUpperCase()}${r.key.slice(1)} page p95 (RTTs)`,
      value: r.p95 / input.unit,
      unit: '×',
      target: 0.5,
      kind: 'max',
      detail: `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, ${Math.round(r.bytes / 1024)} KB`,
    }));
  return [
    ...pages,
    {
      name: 'Server peak RSS (MB)',
      value: input.memory.peakMb,
      unit: ' MB',
      target: 512,
      kind: 'max',
      detail: `database (${input.engine}) ${(input.dbBytes / 1024 / 1024).toFixed(0)} MB`,
    },
  ];
}
