import 'server-only';
import { parsePolicy } from './parse-policy';
import { ROLEPORT_BEGIN, ROLEPORT_END } from './policy-types';
import { apiBlockLines, operationBlockLines, type RoleportTokenCheck } from './render-roleport-block';
import { scanPolicyXml, type XmlToken } from './scan-policy-xml';

export type { RoleportTokenCheck } from './render-roleport-block';

/** The existing policy cannot be edited safely; the message is safe to show to an administrator. */
export class PolicyEditError extends Error {}

// Roleport edits policies as text: only the span between its markers (or the insertion point) changes, so every
// byte it does not own (formatting, comments, attribute order, entities, raw expressions) stays as it was.

interface InboundLayout {
  section?: { start: Extract<XmlToken, { kind: 'start' }>; endTagStart?: number };
  base?: { end: number };
  markers?: { begin: number; end: number };
  root: Extract<XmlToken, { kind: 'start' }>;
  rootEndStart?: number;
}

function layoutOf(xml: string): InboundLayout {
  const parsed = parsePolicy(xml);
  if (!parsed.ok) throw new PolicyEditError(parsed.error);
  const scanned = scanPolicyXml(xml);
  if (!scanned.ok) throw new PolicyEditError(scanned.error);
  let depth = 0;
  let root: InboundLayout['root'] | undefined;
  const layout: Partial<InboundLayout> = {};
  let begin: number | undefined;
  let inInbound = false;
  for (const token of scanned.tokens) {
    if (token.kind === 'start') {
      if (depth === 0) root ??= token;
      if (depth === 1 && token.name === 'inbound') {
        layout.section = { start: token };
        inInbound = !token.selfClosing;
      }
      if (depth === 2 && inInbound && token.name === 'base' && !layout.base && token.selfClosing) layout.base = { end: token.end };
      if (!token.selfClosing) depth++;
    } else if (token.kind === 'end') {
      depth--;
      if (depth === 2 && inInbound && token.name === 'base' && !layout.base) layout.base = { end: token.end };
      if (depth === 1 && inInbound) {
        inInbound = false;
        if (layout.section) layout.section.endTagStart = token.start;
      }
      if (depth === 0) layout.rootEndStart = token.start;
    } else if (token.kind === 'comment' && depth === 2 && inInbound) {
      const marker = token.body.trim();
      if (marker === ROLEPORT_BEGIN && begin === undefined && !layout.markers) begin = token.start;
      else if (marker === ROLEPORT_BEGIN || (marker === ROLEPORT_END && begin === undefined)) {
        throw new PolicyEditError('The policy has misplaced roleport:begin / roleport:end markers; fix them by hand first.');
      } else if (marker === ROLEPORT_END && begin !== undefined) {
        layout.markers = { begin, end: token.end };
        begin = undefined;
      }
    }
  }
  if (begin !== undefined) throw new PolicyEditError('The policy has a roleport:begin marker without roleport:end.');
  if (!root) throw new PolicyEditError('The policy has no root element.');
  return { ...layout, root };
}

function lineIndent(xml: string, at: number): string {
  const lineStart = Math.max(xml.lastIndexOf('\n', at - 1), xml.lastIndexOf('\r', at - 1)) + 1;
  const prefix = xml.slice(lineStart, at);
  return /^[ \t]*$/.test(prefix) ? prefix : '';
}

/** Start of the whitespace (and at most one line break) just before `at`. */
function leadingSpaceStart(xml: string, at: number): number {
  let i = at;
  while (i > 0 && (xml[i - 1] === ' ' || xml[i - 1] === '\t')) i--;
  if (xml[i - 1] === '\n') i--;
  if (xml[i - 1] === '\r') i--;
  return i;
}

function newDocument(lines: string[]): string {
  const block = lines.map((line) => `    ${line}`).join('\n');
  const section = (name: string) => `  <${name}>\n    <base />\n  </${name}>`;
  return [
    '<policies>',
    '  <inbound>',
    '    <base />',
    block,
    '  </inbound>',
    section('backend'),
    section('outbound'),
    section('on-error'),
    '</policies>',
  ].join('\n');
}

function applyBlock(existingXml: string | null, lines: string[] | null): string {
  if (existingXml === null || !existingXml.trim()) return lines ? newDocument(lines) : (existingXml ?? '');
  const xml = existingXml;
  const layout = layoutOf(xml);
  const eol = xml.includes('\r\n') ? '\r\n' : '\n';
  const render = (indent: string) => (lines ?? []).map((line) => eol + indent + line).join('');
  if (layout.markers) {
    const { begin, end } = layout.markers;
    return xml.slice(0, leadingSpaceStart(xml, begin)) + render(lineIndent(xml, begin)) + xml.slice(end);
  }
  if (!lines) return xml;
  const section = layout.section;
  if (!section) {
    // No inbound section at all: add one that keeps inheriting, as APIM's own documents do.
    if (layout.root.selfClosing || layout.rootEndStart === undefined) throw new PolicyEditError('The policy has no sections to add to.');
    const indent = lineIndent(xml, layout.root.start) + '  ';
    const inbound = `${eol}${indent}<inbound>${eol}${indent}  <base />${render(indent + '  ')}${eol}${indent}</inbound>`;
    return xml.slice(0, layout.root.end) + inbound + xml.slice(layout.root.end);
  }
  const sectionIndent = lineIndent(xml, section.start.start);
  const childIndent = sectionIndent + '  ';
  if (section.start.selfClosing) {
    const open = xml.slice(section.start.start, section.start.end).replace(/\s*\/>$/, '>');
    return (
      xml.slice(0, section.start.start) + open + render(childIndent) + eol + sectionIndent + '</inbound>' + xml.slice(section.start.end)
    );
  }
  const at = layout.base?.end ?? section.start.end;
  const rest = xml.slice(at, section.endTagStart);
  // Keep `</inbound>` on its own line when it shared one with the insertion point.
  const closeLine = /^[ \t]*$/.test(rest) ? eol + sectionIndent : '';
  return xml.slice(0, at) + render(childIndent) + closeLine + xml.slice(at);
}

/** Adds or replaces Roleport's API-scope token check (authentication) in an API policy. */
export function applyRoleportApiBlock(existingXml: string | null, check: RoleportTokenCheck): string {
  return applyBlock(existingXml, apiBlockLines(check));
}

/**
 * Adds, replaces or (for no roles) removes Roleport's operation-scope role check: any one of `roles` is enough.
 * `check` repeats the token settings inside the block, which lets the gateway verify the signature on its own.
 */
export function applyRoleportOperationBlock(
  existingXml: string | null,
  roles: readonly string[],
  check: Partial<RoleportTokenCheck> = {},
): string {
  const wanted = roles.map((r) => r.trim()).filter(Boolean);
  return applyBlock(existingXml, wanted.length > 0 ? operationBlockLines(wanted, check) : null);
}

/** Adds, replaces or (for null) removes Roleport's block with the given lines, leaving everything else as it was. */
export function applyRoleportBlockLines(existingXml: string | null, lines: string[] | null): string {
  return applyBlock(existingXml, lines);
}

/** Removes Roleport's block, leaving everything else as it was. */
export function removeRoleportBlock(existingXml: string): string {
  return applyBlock(existingXml, null);
}
