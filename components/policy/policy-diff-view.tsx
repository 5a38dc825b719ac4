import { Table } from '@/components/ui/table';
import type { DiffRow } from '@/lib/policy-studio/studio-types';

const LEFT: Record<DiffRow['kind'], string> = {
  same: '',
  added: 'bg-slate-50 dark:bg-slate-900',
  removed: 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-200',
  changed: 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-200',
};
const RIGHT: Record<DiffRow['kind'], string> = {
  same: '',
  added: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  removed: 'bg-slate-50 dark:bg-slate-900',
  changed: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
};

/** Side-by-side view of a policy change: the current document on the left, the generated one on the right. */
export function PolicyDiffView({ label, rows }: { label: string; rows: DiffRow[] }) {
  return (
    <figure className="mb-4 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800" data-testid="policy-diff">
      <figcaption className="border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm font-medium dark:border-slate-800 dark:bg-slate-900">
        {label}
      </figcaption>
      <div className="max-h-96 overflow-auto">
        <Table
          caption={`${label}: current and proposed policy, line by line`}
          columns={[{ label: 'Current' }, { label: 'Proposed' }]}
          headerHidden
          density="code"
          rules={false}
          className="table-fixed font-mono text-xs"
        >
          {rows.map((row, i) => (
            <tr key={i} data-kind={row.kind}>
              <td className={`whitespace-pre-wrap break-all border-r border-slate-200 align-top dark:border-slate-800 ${LEFT[row.kind]}`}>
                {row.left ?? ''}
              </td>
              <td className={`whitespace-pre-wrap break-all align-top ${RIGHT[row.kind]}`}>{row.right ?? ''}</td>
            </tr>
          ))}
        </Table>
      </div>
    </figure>
  );
}
