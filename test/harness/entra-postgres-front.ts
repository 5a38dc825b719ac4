// Test harness: what Azure Database for PostgreSQL does with Entra authentication, in front of a local server. It asks
// each client for a cleartext password, accepts only an Entra access token for the PostgreSQL resource whose object id is
// the one mapped to the role named at start-up, then hands the connection to the real server (which trusts it).
import net from 'node:net';
import type { TokenVerifier } from '@/emulator/context';

export interface EntraLogin {
  user: string;
  token: string;
  claims: Record<string, unknown> | null;
  accepted: boolean;
}

const OSSRDBMS = 'https://ossrdbms-aad.database.windows.net';
const SSL_REQUEST = 80877103;

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function fatal(text: string): Buffer {
  const field = (code: string, value: string) => Buffer.from(`${code}${value}\0`, 'utf8');
  return message('E', Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', '28P01'), field('M', text), Buffer.from('\0')]));
}

export async function startEntraPostgresFront(options: {
  target: { host: string; port: number };
  tokens: TokenVerifier;
  /** PostgreSQL role → the Entra object id mapped to it (pgaadauth_create_principal). */
  roles: Record<string, string>;
}) {
  const logins: EntraLogin[] = [];
  const server = net.createServer((client) => {
    let buffered = Buffer.alloc(0);
    let startup: Buffer | null = null;
    let user = '';
    const onData = async (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!startup) {
        if (buffered.length < 8) return;
        const length = buffered.readInt32BE(0);
        if (buffered.length < length) return;
        const packet = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        if (packet.readInt32BE(4) === SSL_REQUEST) return void client.write('N');
        startup = Buffer.from(packet);
        const params = packet.subarray(8).toString('utf8').split('\0');
        user = params[params.indexOf('user') + 1] ?? '';
        // AuthenticationCleartextPassword: the token travels as the password.
        client.write(message('R', Buffer.from([0, 0, 0, 3])));
      }
      if (buffered.length < 5 || buffered[0] !== 'p'.charCodeAt(0)) return;
      const length = buffered.readInt32BE(1);
      if (buffered.length < length + 1) return;
      const token = buffered.subarray(5, length).toString('utf8').replace(/\0$/, '');
      buffered = buffered.subarray(length + 1);
      client.off('data', onData);
      const claims = await options.tokens.verify(token).catch(() => null);
      const audience = String(claims?.aud ?? '').replace(/\/+$/, '');
      const accepted = !!claims && audience === OSSRDBMS && options.roles[user] === String(claims.oid ?? '');
      logins.push({ user, token, claims, accepted });
      if (!accepted) return void client.end(fatal(`password authentication failed for user "${user}"`));
      const upstream = net.connect(options.target, () => {
        upstream.write(startup!);
        if (buffered.length) upstream.write(buffered);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', (chunk: Buffer) => void onData(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
