/**
 * Button presses and forms allowed per question a user may ask: paging an answer and voting on
 * it need a few, flipping 👍 👎 in a loop (a line in the gaps log each time) needs many.
 */
export const PRESSES_PER_QUESTION = 4;

/** How many questions a user may ask per window, sliding (0: no limit). */
export class RateLimiter {
  private readonly asked = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs = 30_000,
    // A monotonic clock: the wall clock set back an hour would hold every recent asker an hour.
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts a question; returns 0 when allowed, else the milliseconds until the next is. */
  take(userId: string): number {
    if (this.limit <= 0) return 0;
    const now = this.now();
    const recent = (this.asked.get(userId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.asked.set(userId, recent);
      return (recent[0] as number) + this.windowMs - now;
    }
    recent.push(now);
    this.asked.set(userId, recent);
    // Users who have not asked for a window are forgotten, so the map stays small.
    if (this.asked.size > 10_000) {
      for (const [id, times] of this.asked)
        if (times.every((t) => now - t >= this.windowMs)) this.asked.delete(id);
    }
    return 0;
  }
}
