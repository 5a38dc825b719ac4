// The e2e server's ports; overridable so two checkouts can run their browser suites side by side.
export const PORTAL_PORT = Number(process.env.E2E_PORT ?? 3100);
export const EMULATOR_PORT = process.env.E2E_EMULATOR_PORT ?? '9443';
