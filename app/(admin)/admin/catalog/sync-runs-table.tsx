import { Table } from '@/components/ui/table';
import type { SyncStatus } from '@/lib/catalog/sync-status';

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

/** The last run of each sync scope (the whole catalog, or one API), with its Azure call count and error. */
export function SyncRunsTable({ runs }: { runs: SyncStatus[] }) {
  return (
    <Table
      caption="Last sync runs"
      columns={[
        { label: 'Scope' },
        { label: 'Status' },
        { label: 'Started' },
        { label: 'Finished' },
        { label: 'Azure calls' },
        { label: 'Error' },
      ]}
      className="text-sm"
    >
      {runs.map((run) => (
        <tr key={run.scope}>
          <td className="font-mono text-xs">{run.scope}</td>
          <td>{run.status}</td>
          <td>{when(run.startedAt)}</td>
          <td>{when(run.finishedAt)}</td>
          <td>{run.calls}</td>
          <td className="text-rose-700 dark:text-rose-400">{run.error}</td>
        </tr>
      ))}
    </Table>
  );
}
