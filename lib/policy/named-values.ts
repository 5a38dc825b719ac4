import 'server-only';

// APIM substitutes `{{name}}` from its named values before a policy runs; names match case-insensitively.
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function namedValuesIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

export function resolveNamedValues(text: string, values: Readonly<Record<string, string>> | undefined): string {
  if (!values) return text;
  const byLowerName = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return text.replace(PLACEHOLDER, (whole, name: string) => byLowerName.get(name.toLowerCase()) ?? whole);
}
