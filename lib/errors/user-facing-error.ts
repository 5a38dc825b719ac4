/** Where the user (or their admin) fixes what the message explains. */
export interface FixLink {
  label: string;
  href: string;
}

/** An error whose message is safe to show to the user; anything else is logged and shown generically. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    readonly code: string = 'bad_request',
    readonly status: number = 400,
    readonly link?: FixLink,
  ) {
    super(message);
  }
}

/** A form field's name and what is wrong with it, the first issue per field. */
export type FieldIssues = Record<string, string>;

/**
 * Refused form input: the message is the first issue (what scripts and tests read), and `fields` holds every invalid
 * field's first issue, so the form marks each one as the browser-side check did before.
 */
export class InvalidFieldsError extends UserFacingError {
  constructor(
    message: string,
    readonly fields: FieldIssues,
  ) {
    super(message);
  }
}

/** Runs a server action body: user-facing errors become messages; anything else is logged with a reference. */
export async function runAction<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: string; link?: FixLink; fields?: FieldIssues }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof InvalidFieldsError) return { ok: false, error: error.message, fields: error.fields };
    if (error instanceof UserFacingError) return { ok: false, error: error.message, ...(error.link ? { link: error.link } : {}) };
    // next/navigation's redirect() and notFound() signal by throwing; let them through.
    if (error instanceof Error && 'digest' in error && typeof error.digest === 'string' && error.digest.startsWith('NEXT_')) throw error;
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[action ${reference}]`, error);
    return { ok: false, error: `Something went wrong (reference ${reference}). Please try again.` };
  }
}
