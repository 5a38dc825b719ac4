import { escapeHtml } from '../http/respond';

const STYLE = `body{font-family:system-ui,sans-serif;background:#f2f2f2;margin:0}main{max-width:420px;margin:8vh auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
label{display:block;margin:12px 0 4px}input{width:100%;padding:8px;font-size:1rem;box-sizing:border-box}button{margin-top:16px;padding:10px 16px;font-size:1rem}.error{color:#a80000}`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

/** Enter the code the device shows, then the account to sign it in with. */
export function deviceLoginPage(action: string, error?: string) {
  return page(
    'Enter code',
    `<h1>Enter code</h1><p>Enter the code displayed on your app or device.</p>${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="user_code">Code</label><input id="user_code" name="user_code" autocomplete="off" required>
<label for="username">Account</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" name="decision" value="continue">Continue</button> <button type="submit" name="decision" value="decline">Cancel</button>
</form>`,
  );
}

export function deviceDonePage(appName: string, approved: boolean) {
  return approved
    ? page('Signed in', `<h1>You have signed in to ${escapeHtml(appName)} on your device.</h1><p>You may now close this window.</p>`)
    : page('Sign-in cancelled', `<h1>You cancelled the sign-in to ${escapeHtml(appName)}.</h1><p>You may now close this window.</p>`);
}
