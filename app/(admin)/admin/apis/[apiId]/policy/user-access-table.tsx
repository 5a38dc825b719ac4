import { RoleChip } from '@/components/catalog/role-chip';
import { Table } from '@/components/ui/table';
import type { UserAccessPreview } from '@/lib/policy-studio/studio-types';

const verdict = (allowed: boolean) =>
  allowed ? (
    <span className="text-emerald-700 dark:text-emerald-400">allowed</span>
  ) : (
    <span className="text-rose-700 dark:text-rose-400">denied (403)</span>
  );

/** One user's roles and, per operation, whether they pass now and under the edited map; changed rows stand out. */
export function UserAccessTable({ preview }: { preview: UserAccessPreview }) {
  return (
    <div data-testid="user-access-preview">
      <p className="mb-2 text-sm">
        <span className="font-medium">{preview.user.displayName}</span> holds{' '}
        {preview.roles.length === 0
          ? 'no role on this app'
          : preview.roles.map((r) => <RoleChip key={`${r.value}-${r.via}`} value={r.value} title={r.via} />)}
      </p>
      <Table
        caption={`Operations ${preview.user.displayName} can call`}
        columns={[{ label: 'Operation' }, { label: 'Now' }, { label: 'With the edited map' }]}
        density="compact"
        className="text-sm"
      >
        {preview.rows.map((row) => (
          <tr key={row.operationId} className={row.current !== row.proposed ? 'font-semibold' : undefined}>
            <td className="font-mono text-xs">{row.operationId}</td>
            <td>{verdict(row.current)}</td>
            <td>{verdict(row.proposed)}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
