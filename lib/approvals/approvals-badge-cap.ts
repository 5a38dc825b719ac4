/**
 * The Approvals badge counts at most this many waiting requests and then reads "99+": every signed-in page shows it,
 * so its cost must not grow with the queue (a full count of ten thousand waiting requests took 5 ms a view on
 * SQLite). The queue page itself gives the exact number.
 */
export const APPROVALS_BADGE_CAP = 100;
