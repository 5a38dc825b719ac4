'use client';

import { useState, useTransition } from 'react';
import { RoleChip } from '@/components/catalog/role-chip';
import { Notice } from '@/components/ui/notice';
import type { PickableUser } from '@/lib/policy-studio/preview-user-access';
import type { RoleMap, UserAccessPreview as Preview } from '@/lib/policy-studio/studio-types';
import { findPreviewUsersAction, previewUserAccessAction } from './actions';

const verdict = (allowed: boolean) =>
  allowed ? (
    <span className="text-emerald-700 dark:text-emerald-400">allowed</span>
  ) : (
    <span className="text-rose-700 dark:text-rose-400">denied (403)</span>
  );

/** Which operations one user's current roles (direct and through groups) pass now and under the edited map. */
export function UserAccessPreview({ apiId, map }: { apiId: string; map: RoleMap }) {
  const [text, setText] = useState('');
  const [users, setUsers] = useState<PickableUser[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const search = (query: string) =>
    startTransition(async () => {
      setError(null);
      const result = await findPreviewUsersAction(apiId, query);
      if (result.ok) setUsers(result.value);
      else setError(result.error);
    });
  const pick = (userId: string) =>
    startTransition(async () => {
      setError(null);
      const result = await previewUserAccessAction({ apiId, userId, map });
      if (result.ok) setPreview(result.value);
      else setError(result.error);
    });

  return (
    <section aria-label="Preview as a user" className="mt-8">
      <h2 className="mb-2 text-lg font-semibold">Preview as a user</h2>
      <form
        className="mb-3 flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          search(text);
        }}
      >
        <input
          aria-label="User name or UPN"
          placeholder="Name or UPN starts with…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-700">
          Search users
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => search('')}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
        >
          People holding a role
        </button>
      </form>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {users ? (
        users.length === 0 ? (
          <p className="text-sm text-slate-500">Nobody found.</p>
        ) : (
          <ul className="mb-4 flex flex-wrap gap-2">
            {users.map((u) => (
              <li key={u.id}>
                <button
                  type="button"
                  onClick={() => pick(u.id)}
                  className="rounded-full border border-slate-300 px-3 py-1 text-sm dark:border-slate-700"
                >
                  {u.displayName}
                  {u.userPrincipalName ? <span className="ml-1 text-xs text-slate-500">{u.userPrincipalName}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {preview ? (
        <div data-testid="user-access-preview">
          <p className="mb-2 text-sm">
            <span className="font-medium">{preview.user.displayName}</span> holds{' '}
            {preview.roles.length === 0
              ? 'no role on this app'
              : preview.roles.map((r) => <RoleChip key={`${r.value}-${r.via}`} value={r.value} title={r.via} />)}
          </p>
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-4">Operation</th>
                <th className="py-1 pr-4">Now</th>
                <th className="py-1">With the edited map</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr
                  key={row.operationId}
                  className={`border-t border-slate-200 dark:border-slate-800 ${row.current !== row.proposed ? 'font-semibold' : ''}`}
                >
                  <td className="py-1 pr-4 font-mono text-xs">{row.operationId}</td>
                  <td className="py-1 pr-4">{verdict(row.current)}</td>
                  <td className="py-1">{verdict(row.proposed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
