/** A position in the approval queue's order (created_at, then id): the row a page starts after or ends before. */
export interface QueueCursor {
  createdAt: string;
  id: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[A-Za-z0-9-]{1,100}$/;

/** The URL form of a cursor: `<created_at>~<id>`, readable and stable across reloads. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return `${cursor.createdAt}~${cursor.id}`;
}

/**
 * A cursor from the URL; undefined when there is none, 'invalid' when one is present but malformed (a clear message
 * beats quietly showing another page, and a malformed value never reaches SQL).
 */
export function parseQueueCursor(raw: string | string[] | undefined): QueueCursor | 'invalid' | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return undefined;
  const at = value.indexOf('~');
  const createdAt = value.slice(0, at);
  const id = value.slice(at + 1);
  if (at < 0 || !ISO.test(createdAt) || Number.isNaN(Date.parse(createdAt)) || !ID.test(id)) return 'invalid';
  return { createdAt, id };
}
