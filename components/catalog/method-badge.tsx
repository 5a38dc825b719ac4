// Each colour is a component class in app/globals.css (`.method-get` … `.method-other`).
const COLORS: Record<string, string> = {
  GET: 'method-get',
  POST: 'method-post',
  PUT: 'method-put',
  PATCH: 'method-patch',
  DELETE: 'method-delete',
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`method ${COLORS[method] ?? 'method-other'}`}>{method}</span>;
}
