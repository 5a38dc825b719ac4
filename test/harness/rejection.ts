// What a call that must fail rejects with, checked to be the error class the SDK throws.
import { expect } from 'vitest';

/** The error `call` rejects with; the test fails if the call succeeds or rejects with anything but a `type`. */
export async function rejectionOf<E>(call: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
