import {
  answerAbuseProtection,
  MAX_DELIVERY_BYTES,
  receiveEventDelivery,
  type DeliveryAnswer,
} from '@/lib/catalog/events/receive-event-delivery';

export const dynamic = 'force-dynamic';

function reply(answer: DeliveryAnswer): Response {
  const headers = { 'cache-control': 'no-store', ...answer.headers };
  return answer.body === null
    ? new Response(null, { status: answer.status, headers })
    : Response.json(answer.body, { status: answer.status, headers });
}

/** The body as text, or null past the limit (read no further than that). */
async function boundedText(request: Request): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_DELIVERY_BYTES) return null;
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_DELIVERY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Azure Event Grid deliveries of APIM events (Event Grid or CloudEvents schema), authenticated by an Entra token. */
export async function POST(request: Request) {
  const authorization = request.headers.get('authorization');
  return reply(await receiveEventDelivery({ authorization, body: () => boundedText(request) }));
}

/** The CloudEvents validation handshake. */
export function OPTIONS(request: Request) {
  return reply(answerAbuseProtection(request.headers.get('webhook-request-origin')));
}
