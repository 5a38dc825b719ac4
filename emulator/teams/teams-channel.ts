/** One Adaptive Card an incoming webhook accepted, with the channel it was posted to. */
export interface PostedCard {
  id: string;
  /** The webhook's channel segment of the URL (a Teams URL names its channel and connector). */
  channel: string;
  card: Record<string, unknown>;
  postedAt: string;
}

/** The cards posted to the emulated Teams incoming webhooks, oldest first. */
export class TeamsChannels {
  private readonly cards: PostedCard[] = [];

  record(card: PostedCard): void {
    this.cards.push(card);
  }

  list(): PostedCard[] {
    return this.cards.map((c) => ({ ...c }));
  }

  clear(): void {
    this.cards.length = 0;
  }
}
