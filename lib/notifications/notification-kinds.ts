/** What Roleport tells people about, each of which a person can turn off per channel. */
export const NOTIFICATION_KINDS = ['request-waiting', 'request-decided', 'access-ready', 'access-expiring', 'provisioning-failed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The channels a person chooses for themselves; the Teams channel is the team's, set by configuration. */
export const PERSONAL_CHANNELS = ['email', 'portal'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

export const KIND_LABELS: Record<NotificationKind, { title: string; who: string }> = {
  'request-waiting': { title: 'A request waits for your decision', who: 'approvers of the API' },
  'request-decided': { title: 'Your request was decided', who: 'the requester' },
  'access-ready': { title: 'Your access is ready', who: 'the requester' },
  'access-expiring': { title: 'Your access expires in 7 days', who: 'the holder' },
  'provisioning-failed': { title: 'A grant could not be provisioned', who: 'portal admins' },
};

export const CHANNEL_LABELS: Record<PersonalChannel, string> = { email: 'Email', portal: 'In the portal' };

/** Kinds the team's Teams channel also gets: the team's work, and access about to lapse that the team may rely on. */
export const TEAMS_KINDS: readonly NotificationKind[] = ['request-waiting', 'request-decided', 'access-expiring', 'provisioning-failed'];

export const isNotificationKind = (value: string): value is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(value);
