import type { DirectoryUser } from '../directory/types';
import { escapeHtml } from '../http/respond';

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0}main{max-width:420px;margin:8vh auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.4rem}form{margin:8px 0}button{width:100%;text-align:left;padding:12px;border:1px solid #ccc;background:#fff;cursor:pointer;font-size:1rem}
button:hover{background:#f5f5f5}small{display:block;color:#555}.error{color:#a80000}`;

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The user picker: one form per seeded user, each re-posting the authorize request with that user chosen. */
export function signInPage(appName: string, action: string, params: URLSearchParams, users: DirectoryUser[]) {
  const hidden = [...params]
    .filter(([k]) => k !== 'login_user')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const forms = users
    .map(
      (
        u,
      ) => `<form method="post" action="${escapeHtml(action)}">${hidden}<input type="hidden" name="login_user" value="${escapeHtml(u.id)}">
<button type="submit" data-upn="${escapeHtml(u.userPrincipalName)}">${escapeHtml(u.displayName)}<small>${escapeHtml(u.userPrincipalName)}</small></button></form>`,
    )
    .join('\n');
  return page('Sign in to your account', `<h1>Pick an account</h1><p>to continue to ${escapeHtml(appName)}</p>${forms}`);
}

export function errorPage(aadsts: number, text: string) {
  return page(
    'Sign in to your account',
    `<h1>Sorry, but we’re having trouble signing you in.</h1><p class="error">AADSTS${aadsts}: ${escapeHtml(text)}</p>`,
  );
}

/** response_mode=form_post: the browser posts the result to the redirect URI. */
export function formPostPage(redirectUri: string, fields: Record<string, string>) {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return `<!doctype html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}

export function signedOutPage() {
  return page('Signed out', '<h1>You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p>');
}
