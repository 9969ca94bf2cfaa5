import { DatelineError } from '../domain/errors.js';

/**
 * Lets a few searches run at once and queues the rest, so a flood of
 * searches holds at most `concurrency` database connections (PostgreSQL's
 * pool stays free for pages) and, on SQLite, whose reads run on the event
 * loop, every queued search yields first so waiting page requests go
 * before it. Past `maxWaiting` queued, a search is refused at once (503
 * BUSY) rather than piling up memory and latency.
 */
export class SearchGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency = 2,
    private readonly maxWaiting = 64,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw Object.assign(
          new DatelineError('BUSY', `The server is answering ${this.concurrency + this.waiting.length} searches already; try again in a moment.`, {
            hint: 'Search again in a second; the rest of the site is unaffected.',
          }),
          { retryAfterSeconds: 1 },
        );
      }
      // The slot is handed over by the search that finishes, so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    await new Promise((resolve) => setImmediate(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
