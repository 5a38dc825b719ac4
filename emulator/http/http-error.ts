/** An error a surface turns into its own error body (status + Azure-style code and message). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const BODY_LIMIT_BYTES = 1024 * 1024;
