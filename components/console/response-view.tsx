import { Table } from '@/components/ui/table';
import type { ConsoleResponse } from '@/lib/console/console-types';

function prettyBody(body: string, headers: [string, string][]): string {
  const type = headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!type.includes('json') && !/^\s*[[{]/.test(body)) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const tone = (status: number) =>
  status < 300
    ? 'text-emerald-700 dark:text-emerald-400'
    : status < 400
      ? 'text-sky-700 dark:text-sky-400'
      : 'text-rose-700 dark:text-rose-400';

/** The gateway's answer: status, time, headers and the body (JSON pretty-printed). */
export function ResponseView({ response }: { response: ConsoleResponse }) {
  const location = response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
  return (
    <section aria-label="Response" className="flex flex-col gap-3">
      <p className="flex flex-wrap items-baseline gap-3">
        <span data-testid="response-status" className={`font-mono text-2xl font-semibold ${tone(response.status)}`}>
          {response.status}
        </span>
        <span className="text-sm supporting-text">{response.statusText}</span>
        <span data-testid="response-duration" className="text-sm muted">
          {response.durationMs} ms
        </span>
      </p>
      {response.status >= 300 && response.status < 400 ? (
        <p className="text-sm warning-text">
          The gateway answered with a redirect{location ? ` to ${location}` : ''}; the console does not follow redirects.
        </p>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer supporting-text">{response.headers.length} response headers</summary>
        <Table
          caption="Response headers"
          columns={[{ label: 'Header' }, { label: 'Value' }]}
          headerHidden
          density="compact"
          className="mt-2 font-mono text-xs"
        >
          {response.headers.map(([name, value], i) => (
            <tr key={`${name}-${i}`}>
              <td className="align-top muted">{name}</td>
              <td className="break-all">{value}</td>
            </tr>
          ))}
        </Table>
      </details>
      {response.truncated ? <p className="text-sm warning-text">The body was cut at 1 MB; only the beginning is shown.</p> : null}
      <pre
        data-testid="response-body"
        className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
      >
        {response.body === '' ? '(empty body)' : prettyBody(response.body, response.headers)}
      </pre>
    </section>
  );
}
