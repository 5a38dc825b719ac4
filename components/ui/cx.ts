/** Joins class names, skipping the empty ones, so a primitive's classes and a caller's layout classes read as one string. */
export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}
