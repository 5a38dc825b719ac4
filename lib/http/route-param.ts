import 'server-only';
import { notFound } from 'next/navigation';

/** A dynamic route segment, decoded; one whose percent-escapes do not decode names nothing, so it is a 404. */
export function routeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    notFound();
  }
}
