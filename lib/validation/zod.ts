import { z } from 'zod';

// Zod compiles object parsers with `new Function` where it may, and probes for that the first time an object schema is
// built. The portal's content security policy has no 'unsafe-eval', so in the browser even the probe is a violation:
// every schema that can reach a client component is built from this z, with the compiler off before any schema exists.
z.config({ jitless: true });

export { z };
