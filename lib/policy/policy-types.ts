import 'server-only';

// Roleport's own, JSON-serialisable view of an APIM policy document. Whitespace-only text is dropped; comments are
// kept because Roleport's markers are comments.

export type PolicyScope = 'global' | 'product' | 'api' | 'operation';
export type PolicySectionName = 'inbound' | 'backend' | 'outbound' | 'on-error';
export const POLICY_SECTIONS: readonly PolicySectionName[] = ['inbound', 'backend', 'outbound', 'on-error'];

export interface PolicyElement {
  kind: 'element';
  name: string;
  /** Attribute values as the parser decoded them (entities resolved, expressions as written in C#). */
  attributes: Record<string, string>;
  children: PolicyNode[];
}
export interface PolicyText {
  kind: 'text';
  text: string;
}
export interface PolicyComment {
  kind: 'comment';
  text: string;
}
export type PolicyNode = PolicyElement | PolicyText | PolicyComment;

export interface PolicyDocument {
  /** Each section's child nodes, or null when the document has no such section. */
  sections: Record<PolicySectionName, PolicyNode[] | null>;
}

export const ROLEPORT_BEGIN = 'roleport:begin';
export const ROLEPORT_END = 'roleport:end';
