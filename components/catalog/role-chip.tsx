export function RoleChip({ value, held, title }: { value: string; held?: boolean; title?: string }) {
  return (
    <span title={title} data-role={value} className={held ? 'role-chip held' : 'role-chip'}>
      {held ? <span aria-label="held">✓</span> : null}
      {value}
    </span>
  );
}
