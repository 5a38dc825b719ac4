import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// The schemas that client components import are built from zod/mini, whose functions a bundler can leave out when
// unused (classic zod's methods cannot be: every form route would carry all of it). Like lib/validation/zod.ts, the
// compiler is off before any schema exists (the content security policy has no 'unsafe-eval'), and the English
// messages are the ones classic zod loads, so a form and its action word the same issue the same way.
z.config({ ...en(), jitless: true });

export { z };
