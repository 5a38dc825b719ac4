export interface ThrottleSettings {
  burst: number;
  refillPerSecond: number;
}

/** ARM's throttling model: a bucket of `burst` requests refilled continuously at `refillPerSecond`. */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(readonly settings: ThrottleSettings) {
    this.tokens = settings.burst;
  }

  private refill() {
    const now = Date.now();
    this.tokens = Math.min(this.settings.burst, this.tokens + ((now - this.last) / 1000) * this.settings.refillPerSecond);
    this.last = now;
  }

  /** Takes one token; on failure says how many whole seconds until one is available. */
  take(): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, remaining: Math.floor(this.tokens) };
    }
    const rate = this.settings.refillPerSecond;
    return { ok: false, retryAfterSeconds: rate > 0 ? Math.max(1, Math.ceil((1 - this.tokens) / rate)) : 60 };
  }
}
