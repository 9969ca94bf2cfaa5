import { createHash } from 'node:crypto';
import type { AudienceDim, CountedView, Store } from '../store/index.js';
import { utcDay } from '../store/index.js';

/** Views written per transaction (see flush). */
const VIEWS_PER_TRANSACTION = 250;

export interface ViewInput {
  at: Date;
  ip: string;
  userAgent: string;
  story?: number | undefined;
  section?: number | undefined;
  referrer?: string | undefined;
}

export interface CollectorOptions {
  /** The site's own address, mixed into the hash so the same reader on two sites is two visitors. */
  site: string;
  /** Flush at least this often (ms). */
  flushMs: number;
  /** Flush at once past this many buffered views. */
  maxBuffered: number;
  onError: (error: unknown) => void;
}

/**
 * Buffers counted views in memory and writes them in batches, so a view
 * costs a hash and an array push on the request path. The address and
 * user agent are hashed at once with the day's salt and never kept.
 */
export class ViewCollector {
  private buffer: CountedView[] = [];
  private salt: { day: string; value: string } | undefined;
  private saltLoading: Promise<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: CollectorOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }

  private async saltOf(day: string): Promise<string> {
    if (this.salt?.day === day) return this.salt.value;
    this.saltLoading ??= this.store.audience.saltFor(day).finally(() => {
      this.saltLoading = undefined;
    });
    const value = await this.saltLoading;
    this.salt = { day, value };
    return value;
  }

  /** Counts one view (buffered). */
  async add(view: ViewInput): Promise<void> {
    const at = view.at.getTime();
    const day = utcDay(at);
    const salt = this.salt?.day === day ? this.salt.value : await this.saltOf(day);
    const visitor = createHash('sha256').update(`${salt}\n${this.options.site}\n${view.ip}\n${view.userAgent}`).digest('base64url').slice(0, 22);
    const dims: Array<readonly [AudienceDim, string]> = [['site', '']];
    if (view.story !== undefined) dims.push(['story', String(view.story)]);
    if (view.section !== undefined) dims.push(['section', String(view.section)]);
    if (view.referrer) dims.push(['referrer', view.referrer]);
    this.buffer.push({ at, visitor, dims });
    if (this.buffer.length >= this.options.maxBuffered) void this.flush();
  }

  /** Writes what is buffered; flushes run one at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.buffer.length === 0) return;
      const batch = this.buffer;
      this.buffer = [];
      // On SQLite a transaction runs on the event loop from start to end; thousands of views in one
      // would hold every page request for tens of milliseconds. Small transactions with a turn of the
      // loop between them keep the stall of a flush near that of one page.
      for (let i = 0; i < batch.length; i += VIEWS_PER_TRANSACTION) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        try {
          await this.store.audience.flush(batch.slice(i, i + VIEWS_PER_TRANSACTION));
        } catch (error) {
          // Counts are not worth a crash; a failed batch is dropped and said so.
          this.options.onError(error);
        }
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
