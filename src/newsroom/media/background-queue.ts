/**
 * Runs jobs one at a time in this process, after the request that queued them
 * has been answered. One at a time bounds the CPU that slow encodes (AVIF)
 * take from page serving; `drain` lets shutdown and tests wait for the rest.
 */
export class BackgroundQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onError: (error: unknown) => void) {}

  add(job: () => Promise<void>): void {
    this.pending++;
    this.tail = this.tail
      .then(job)
      .catch(this.onError)
      .finally(() => {
        this.pending--;
      });
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves once every job queued so far has run. */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
