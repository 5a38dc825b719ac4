// Value expressions (set-header values, set-variable values) the emulated gateway can compute. APIM
// expressions are C# (learn.microsoft.com/azure/api-management/api-management-policy-expressions); a value
// outside this small set is passed through: the statement is skipped and named in x-emulator-ignored-policies.
import { headerValue, type GatewayContext } from './gateway-context';

const STR = '"((?:[^"\\\\]|\\\\.)*)"';
const LITERAL = new RegExp(`^${STR}$`);
const HEADER = new RegExp(`^context\\.Request\\.Headers\\.GetValueOrDefault\\(\\s*${STR}\\s*(?:,\\s*${STR}\\s*)?\\)$`);

const unescape = (text: string) => text.replace(/\\(.)/g, (_all, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));

/** The value of `@(...)`, or undefined when the emulator cannot evaluate it. */
export function evaluateValue(expression: string, ctx: GatewayContext): string | undefined {
  const trimmed = expression.trim();
  if (!trimmed.startsWith('@(') || !trimmed.endsWith(')')) return undefined;
  const body = trimmed.slice(2, -1).trim();
  const literal = LITERAL.exec(body);
  if (literal) return unescape(literal[1] as string);
  const header = HEADER.exec(body);
  if (header) return headerValue(ctx, unescape(header[1] as string)) ?? unescape(header[2] ?? '');
  if (body === 'context.Request.Method') return ctx.method;
  return undefined;
}
