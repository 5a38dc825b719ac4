// Rule: a console call never follows a redirect, never sends more than 256 KB, reads at most 1 MB and gives up after its timeout.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCertificates } from '../../emulator/tls/ensure-certificates';
import type { VettedTarget } from './gateway-guard';
import { MAX_REQUEST_BODY_BYTES, MAX_RESPONSE_BODY_BYTES, sendGatewayRequest } from './send-gateway-request';

let server: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  const certs = ensureCertificates('.local');
  server = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/redirect') {
      res.writeHead(302, { Location: 'https://evil.example.com/steal' }).end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('x'.repeat(MAX_RESPONSE_BODY_BYTES + 5000));
    } else if (req.url === '/slow') {
      setTimeout(() => res.writeHead(200).end('late'), 1500);
    } else {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ method: req.method, body })));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// The host name the certificate is for, pinned to the loopback address the server listens on.
const target = (path: string): VettedTarget => ({
  url: new URL(`https://localhost:${port}${path}`),
  addresses: [{ address: (server.address() as AddressInfo).address, family: (server.address() as AddressInfo).family === 'IPv6' ? 6 : 4 }],
});

describe('sendGatewayRequest', () => {
  it('sends the body and reads the answer', async () => {
    const response = await sendGatewayRequest(target('/echo'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', body: '{"a":1}' });
    expect(response.truncated).toBe(false);
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('connects to the pinned address, not to what the name resolves to now', async () => {
    const pinned: VettedTarget = { url: new URL(`https://localhost:${port}/echo`), addresses: [{ address: '192.0.2.1', family: 4 }] };
    await expect(sendGatewayRequest(pinned, { method: 'GET', headers: {} }, { timeoutMs: 500 })).rejects.toThrow(
      /did not answer|could not be reached/,
    );
  });

  it('returns a redirect as it is, without following it', async () => {
    const before = seen.length;
    const response = await sendGatewayRequest(target('/redirect'), { method: 'GET', headers: {} });
    expect(response.status).toBe(302);
    expect(response.headers).toContainEqual(['Location', 'https://evil.example.com/steal']);
    expect(seen.slice(before)).toEqual(['GET /redirect']);
  });

  it('cuts a large answer at 1 MB and says so', async () => {
    const response = await sendGatewayRequest(target('/big'), { method: 'GET', headers: {} });
    expect(response.truncated).toBe(true);
    expect(Buffer.byteLength(response.body)).toBe(MAX_RESPONSE_BODY_BYTES);
  });

  it('refuses a body over 256 KB before connecting', async () => {
    const before = seen.length;
    expect(() =>
      sendGatewayRequest(target('/echo'), { method: 'POST', headers: {}, body: 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1) }),
    ).toThrow('the console sends at most 256 KB');
    expect(seen.length).toBe(before);
  });

  it('gives up after the timeout', async () => {
    await expect(sendGatewayRequest(target('/slow'), { method: 'GET', headers: {} }, { timeoutMs: 300 })).rejects.toThrow(
      'did not answer within 0.3 seconds',
    );
  });
});
