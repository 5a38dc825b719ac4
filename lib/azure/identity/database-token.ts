import 'server-only';
import { appCredential } from '@/lib/azure/identity/app-credential';

/**
 * Azure Database for PostgreSQL's Entra resource (learn.microsoft.com/azure/postgresql/flexible-server/how-to-connect-with-managed-identity):
 * the token is sent as the password of the role mapped to Roleport's identity.
 */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/**
 * The password of each new database connection when DATABASE_AUTH=entra: an access token of Roleport's app credential
 * (client secret or managed identity). The credential caches it and fetches a new one shortly before it expires, so
 * connections opened late in a token's life get a fresh one; open connections are unaffected by expiry.
 */
export async function databaseAccessToken(): Promise<string> {
  const token = await appCredential().getToken(POSTGRES_ENTRA_SCOPE);
  if (!token) throw new Error('No access token for Azure Database for PostgreSQL from the app credential.');
  return token.token;
}
