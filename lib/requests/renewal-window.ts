/**
 * How long before its end a grant is "expiring": its holder is told then (email, Teams, bell), My access lists it
 * first, and from then on it can be renewed. One window, so the message and the Renew button never disagree.
 */
export const RENEWAL_WINDOW_MS = 7 * 86_400_000;
