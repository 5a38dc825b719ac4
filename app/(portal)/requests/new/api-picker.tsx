const FIELD = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900';

/** A plain GET form, so the chosen API stays in the URL (the same link the API pages use). */
export function ApiPicker({ apis, selected }: { apis: { id: string; displayName: string }[]; selected?: string }) {
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-xs font-medium">
        API
        <select name="api" defaultValue={selected ?? ''} required className={FIELD}>
          <option value="" disabled>
            Choose an API…
          </option>
          {apis.map((api) => (
            <option key={api.id} value={api.id}>
              {api.displayName}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        Show roles
      </button>
    </form>
  );
}
