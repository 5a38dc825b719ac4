import type { IncomingMessage } from 'node:http';
import type { TokenVerifier, VerifiedClaims } from '../context';
import { armAudiences, type EmulatedCloud } from '../directory/clouds';
import { ArmError } from './arm-response';

function unauthorized(authorityHost: string, description: string, message: string): ArmError {
  return new ArmError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate': `Bearer authorization_uri="${authorityHost}/", error="invalid_token", error_description="${description}"`,
  });
}

/** Resolves the caller's claims or throws the 401 ARM would give. */
export async function authenticate(
  req: IncomingMessage,
  tokens: TokenVerifier,
  authorityHost: string,
  cloud: EmulatedCloud,
): Promise<VerifiedClaims> {
  const header = req.headers.authorization;
  if (!header) {
    throw unauthorized(
      authorityHost,
      "The authentication failed because of missing 'Authorization' header.",
      "Authentication failed. The 'Authorization' header is missing.",
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw unauthorized(
      authorityHost,
      "The authentication failed because of 'Authorization' header is in invalid format.",
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    );
  }
  let claims: VerifiedClaims | null = null;
  try {
    claims = await tokens.verify(match[1] as string);
  } catch {
    claims = null;
  }
  if (!claims) throw unauthorized(authorityHost, 'The access token is invalid.', 'The access token is invalid.');
  // The audiences ARM accepts: the cloud's resource URI and its classic one, with and without the slash.
  const audiences = armAudiences(cloud);
  if (!audiences.has(claims.aud)) {
    throw unauthorized(
      authorityHost,
      'The access token has an invalid audience.',
      `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences ${[...audiences].map((a) => `'${a}'`).join(',')}.`,
    );
  }
  return claims;
}

/** api-version must be present and a date version APIM 2021-08-01 or later supports. */
export function checkApiVersion(url: URL): void {
  const version = url.searchParams.get('api-version');
  if (!version) {
    throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  const match = /^(20\d\d-\d\d-\d\d)(-preview)?$/.exec(version);
  if (!match || (match[1] as string) < '2021-08-01') {
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions are '2024-05-01,2023-09-01-preview,2023-05-01-preview,2022-08-01,2021-08-01'.`,
    );
  }
}
