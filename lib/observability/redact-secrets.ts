// No `server-only` marker: the CLI scripts log through the same redaction under plain Node.

export const REDACTED = '[redacted]';

// Field names whose values are credentials whatever they look like (tokens, cookies, secrets, keys, passwords).
const SECRET_KEY =
  /(^|[-_.])(token|tokens|access_?token|refresh_?token|id_?token|secret|client_?secret|password|passwd|pwd|cookie|set-cookie|authorization|assertion|client_?assertion|api_?key|subscription_?key|code_?verifier|code|private_?key|connection_?string|sig|signature)$|secret|password|token|cookie|authorization/i;

// Values that are credentials wherever they appear, even inside a message or a URL.
const SECRET_VALUE: [RegExp, string][] = [
  // JSON Web Tokens (access, ID, client assertions): three base64url segments, the first a JSON header.
  [/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\bwhsec_[A-Za-z0-9+/=]+/g, REDACTED],
  // Query-string and form credentials: client_secret=…, code=…, sig=… (SAS), password=…
  [
    /\b(client_secret|client_assertion|refresh_token|access_token|id_token|code_verifier|code|password|sig|subscription-key|api-key)=([^&\s"']+)/gi,
    `$1=${REDACTED}`,
  ],
  // Cookie headers written out as text.
  [/\b((?:__Secure-|__Host-)?next-auth\.[a-z-]+(?:\.\d+)?)=([^;\s"']+)/gi, `$1=${REDACTED}`],
  // Connection strings: passwords in URLs and App Insights / storage keys.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s"'@]+:)([^@\s"']+)@/gi, `$1${REDACTED}@`],
  [/\b(InstrumentationKey|AccountKey|SharedAccessKey|Password)=([^;\s"']+)/gi, `$1=${REDACTED}`],
];

/** A string with every credential-looking part replaced. */
export function redactText(text: string): string {
  return SECRET_VALUE.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * A copy of `value` fit for a log line: fields named like credentials lose their value, strings lose credential-looking
 * parts, errors keep their name, message and stack (redacted), and cycles or depth past 6 end in a marker.
 */
export function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (seen.has(value)) return '[circular]';
  if (depth > 6) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return {
      name: value.name,
      message: redactText(value.message),
      ...('code' in value && value.code !== undefined ? { code: redactSecrets(value.code, depth + 1, seen) } : {}),
      ...('statusCode' in value && value.statusCode !== undefined ? { statusCode: value.statusCode } : {}),
      stack: value.stack ? redactText(value.stack) : undefined,
      ...(cause !== undefined ? { cause: redactSecrets(cause, depth + 1, seen) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, seen));
  if (value instanceof Headers) return redactSecrets(Object.fromEntries(value.entries()), depth + 1, seen);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : redactSecrets(item, depth + 1, seen);
  }
  return out;
}
