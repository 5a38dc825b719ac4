'use client';

import { useState } from 'react';
import type { RoleMapOperation } from '@/lib/policy-studio/load-role-map';
import type { RoleMap } from '@/lib/policy-studio/studio-types';

const READ_METHODS = ['GET', 'HEAD'];

/** Grant or remove one role on many operations at once: by method, by URL prefix, or every read operation. */
export function BulkActions(props: {
  operations: RoleMapOperation[];
  roles: string[];
  onChange: (update: (map: RoleMap) => RoleMap) => void;
}) {
  const methods = [...new Set(props.operations.map((op) => op.method))].sort();
  const [target, setTarget] = useState('read');
  const [prefix, setPrefix] = useState('/');
  const [role, setRole] = useState(props.roles[0] ?? '');

  const selected = () =>
    props.operations.filter((op) =>
      target === 'read'
        ? READ_METHODS.includes(op.method)
        : target === 'prefix'
          ? op.urlTemplate.startsWith(prefix)
          : op.method === target.slice('method:'.length),
    );
  const apply = (grant: boolean) => {
    const ids = new Set(selected().map((op) => op.id));
    props.onChange((map) =>
      Object.fromEntries(
        Object.entries(map).map(([id, roles]) => [
          id,
          !ids.has(id) ? roles : grant ? [...new Set([...roles, role])] : roles.filter((r) => r !== role),
        ]),
      ),
    );
  };
  const input = 'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';
  return (
    <fieldset className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
      <legend className="px-1 text-xs font-medium text-slate-500">Bulk change</legend>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Operations</span>
        <select aria-label="Operations to change" value={target} onChange={(e) => setTarget(e.target.value)} className={input}>
          <option value="read">All read operations (GET/HEAD)</option>
          {methods.map((m) => (
            <option key={m} value={`method:${m}`}>
              Method {m}
            </option>
          ))}
          <option value="prefix">URL prefix…</option>
        </select>
      </label>
      {target === 'prefix' ? (
        <label className="flex flex-col gap-1">
          <span className="text-xs text-slate-500">URL prefix</span>
          <input aria-label="URL prefix" value={prefix} onChange={(e) => setPrefix(e.target.value)} className={`${input} font-mono`} />
        </label>
      ) : null}
      <label className="flex flex-col gap-1">
        <span className="text-xs text-slate-500">Role</span>
        <select aria-label="Role to change" value={role} onChange={(e) => setRole(e.target.value)} className={`${input} font-mono`}>
          {props.roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <span className="text-xs text-slate-500">{selected().length} operations</span>
      <button
        type="button"
        disabled={!role}
        onClick={() => apply(true)}
        className="rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700"
      >
        Allow role
      </button>
      <button
        type="button"
        disabled={!role}
        onClick={() => apply(false)}
        className="rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700"
      >
        Remove role
      </button>
    </fieldset>
  );
}
