// The message a call is refused with, for tests that assert what the refusal says.

/** The message `run` throws; throws "not refused" (failing the test) when it returns. */
export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

/** The message `run` rejects with; throws "not refused" (failing the test) when it resolves. */
export async function asyncRefusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}
