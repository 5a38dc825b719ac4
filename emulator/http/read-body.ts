import type { IncomingMessage } from 'node:http';
import { BODY_LIMIT_BYTES, HttpError } from './http-error';

/** Reads the whole body; past the limit it keeps draining (so the client sees the answer) and throws 413. */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new HttpError(413, 'RequestEntityTooLarge', `The request body is larger than ${limit} bytes.`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; anything else is the caller's 400. */
export async function readJson(req: IncomingMessage, onInvalid: () => HttpError): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw onInvalid();
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}
