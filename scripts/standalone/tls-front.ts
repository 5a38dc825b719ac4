// Container Apps' ingress in miniature: terminates TLS for the public URL and forwards plain HTTP to the replica(s),
// with the X-Forwarded-* headers the ingress adds.
import http from 'node:http';
import https from 'node:https';

export interface TlsFront {
  port: number;
  close(): Promise<void>;
}

/** Forwards each request to one of `targets` in turn (round robin), or to `pick`'s choice when given. */
export async function startTlsFront(options: {
  port: number;
  certPem: string;
  keyPem: string;
  targets: number[];
  pick?: (request: http.IncomingMessage, targets: number[]) => number;
}): Promise<TlsFront> {
  let turn = 0;
  const server = https.createServer({ cert: options.certPem, key: options.keyPem }, (req, res) => {
    const target = options.pick ? options.pick(req, options.targets) : options.targets[turn++ % options.targets.length];
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': req.headers.host ?? `localhost:${options.port}`,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('upstream unavailable');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, 'localhost', () => resolve());
  });
  return {
    port: options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
