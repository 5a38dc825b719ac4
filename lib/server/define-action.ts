import 'server-only';
import type { Kysely } from 'kysely';
import { revalidatePath } from 'next/cache';
import { parseFormInput } from '@/lib/validation/field-issues';
import { z } from '@/lib/validation/zod';
import { requireApprover } from '@/lib/approvals/require-approver';
import { requireAdmin, requireUser, type PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { runAction, UserFacingError, type FieldIssues, type FixLink } from '@/lib/errors/user-facing-error';
import { enforceRateLimit } from '@/lib/rate-limit/enforce-rate-limit';
import type { RateLimitBucket } from '@/lib/rate-limit/rate-limits';

/**
 * Who may call the action. Server actions are public endpoints, so every one names its gate:
 * `none` only for sign-out, which must work for any caller; `approverFor` reads the request id from the raw
 * arguments so an owner is held to the app, and a product's approver to the product, of the request they act on
 * (requireApprover's `forRequest`).
 */
export type ActionAuth = 'none' | 'user' | 'admin' | 'approver' | { approverFor: (args: readonly unknown[]) => string | undefined };

/** A path to revalidate after success; `layout` also refreshes every page under it. */
export type Revalidation = string | { path: string; type: 'layout' | 'page' };

/** A refusal of form input carries `fields`: each invalid field's first issue, for the form to mark. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string; link?: FixLink; fields?: FieldIssues };

type UserOf<A extends ActionAuth> = A extends 'none' ? null : PortalUser;

/** A tuple schema declares positional arguments (`(requestId, decision)`); any other schema, one argument. */
type ArgsOf<S> = S extends z.ZodTuple ? z.input<S> : [input: z.input<S>];

export interface ActionOptions<S extends z.ZodType, A extends ActionAuth, T> {
  auth: A;
  /** Validates what the client sent; its first issue is the form error. Absent: the action takes no arguments. */
  input?: S;
  /** Replaces the schema's message when the input can only be wrong by tampering (one message says it all). */
  invalidInput?: string;
  /**
   * A form's input: a refusal also returns every invalid field's first issue (`fields`), so the form marks each field
   * without parsing the input itself (and without the schema library in its bundle).
   */
  fieldIssues?: boolean;
  /** Counted before the input is read, so refused input counts too and a script cannot probe for free. */
  rateLimit?: RateLimitBucket;
  revalidate?: Revalidation[] | ((input: z.output<S>, value: T) => Revalidation[]);
}

/** Input the library function validates itself, because workers, scripts and tests call it with raw input too. */
export const validatedInLib = <T>() => z.custom<T>(() => true);

async function authenticate(auth: ActionAuth, args: readonly unknown[]): Promise<PortalUser | null> {
  if (auth === 'none') return null;
  if (auth === 'user') return requireUser();
  if (auth === 'admin') return requireAdmin();
  if (auth === 'approver') return requireApprover();
  return requireApprover({ forRequest: auth.approverFor(args) });
}

type InputOptions = Pick<ActionOptions<z.ZodType, ActionAuth, unknown>, 'invalidInput' | 'fieldIssues'>;

function parseInput(schema: z.ZodType | undefined, { invalidInput, fieldIssues }: InputOptions, args: readonly unknown[]): unknown {
  if (!schema) return undefined;
  if (fieldIssues) return parseFormInput(schema, args[0], invalidInput);
  // Extra arguments are ignored and missing ones read as undefined, as a plain function's parameters would.
  const value = schema instanceof z.ZodTuple ? schema.def.items.map((_, i) => args[i]) : args[0];
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserFacingError(invalidInput ?? parsed.error.issues[0]?.message ?? 'The input is not valid.');
  return parsed.data;
}

/**
 * Declares a server action once: who may call it, what input it takes, which limit counts it and which pages it
 * refreshes; the handler gets the acting user and the database. The order is fixed: auth (a redirect for the
 * signed-out or forbidden), rate limit, input, handler; every failure after auth comes back as `{ ok: false, error }`,
 * an unexpected one as a generic message with a logged reference.
 */
export function defineAction<T, A extends ActionAuth, S extends z.ZodType = z.ZodTuple<[]>>(
  options: ActionOptions<S, A, T>,
  handler: (input: z.output<S>, context: { user: UserOf<A>; db: Kysely<Database> }) => Promise<T>,
): (...args: ArgsOf<S>) => Promise<ActionResult<T>> {
  return async (...args: ArgsOf<S>) => {
    const user = await authenticate(options.auth, args);
    let input: z.output<S> | undefined;
    const result = await runAction(async () => {
      const database = await db();
      if (options.rateLimit && user) await enforceRateLimit(database, options.rateLimit, user.oid);
      input = parseInput(options.input, options, args) as z.output<S>;
      return handler(input, { user: user as UserOf<A>, db: database });
    });
    if (result.ok && options.revalidate) {
      const paths = typeof options.revalidate === 'function' ? options.revalidate(input as z.output<S>, result.value) : options.revalidate;
      for (const entry of paths) {
        if (typeof entry === 'string') revalidatePath(entry);
        else revalidatePath(entry.path, entry.type);
      }
    }
    return result;
  };
}
