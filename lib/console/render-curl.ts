// Client-safe: renders the console's request as a curl command line.
import type { RevealedSecrets, SentRequest } from './console-types';

export const MASKED_TOKEN = 'eyJ…<masked>';
export const MASKED_KEY = '<masked>';

/** POSIX shell single quoting: the only character to escape is the quote itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function headerValue(header: SentRequest['headers'][number], revealed?: RevealedSecrets): string {
  if (header.secret === 'token') return `Bearer ${revealed?.token ?? MASKED_TOKEN}`;
  if (header.secret === 'subscription-key') return revealed?.subscriptionKey ?? MASKED_KEY;
  return header.value;
}

/** The request as curl; secrets stay masked unless their owner revealed them. */
export function renderCurl(request: SentRequest, revealed?: RevealedSecrets): string {
  const lines = [`curl -X ${request.method} ${shellQuote(request.url)}`];
  for (const header of request.headers) lines.push(`  -H ${shellQuote(`${header.name}: ${headerValue(header, revealed)}`)}`);
  if (request.body !== undefined && request.body !== '') lines.push(`  --data-raw ${shellQuote(request.body)}`);
  return lines.join(' \\\n');
}
