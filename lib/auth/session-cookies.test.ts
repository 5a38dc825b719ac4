// Rule: the session cookie is HttpOnly and SameSite=Lax always, and Secure (with the __Secure- prefix) whenever the portal is served over https, whatever NEXTAUTH_URL says.
import { describe, expect, it } from 'vitest';
import { sessionCookieName, sessionCookieOptions, usesSecureCookies } from './session-cookies';

describe('session cookie', () => {
  it('is Secure and __Secure- prefixed behind https', () => {
    expect(usesSecureCookies('https://roleport.contoso.com')).toBe(true);
    expect(sessionCookieOptions('https://roleport.contoso.com').sessionToken).toEqual({
      name: '__Secure-next-auth.session-token',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    });
  });

  it('stays HttpOnly and SameSite=Lax on plain http (local mode), where a Secure cookie would never be sent back', () => {
    expect(sessionCookieName('http://localhost:3000')).toBe('next-auth.session-token');
    expect(sessionCookieOptions('http://localhost:3000').sessionToken?.options).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
    });
  });
});
