import { Worker } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest, ThreadStop } from './serve-thread.js';

/** How long a thread asked to stop gets to close its handles and end before it is terminated. */
const STOP_GRACE_MS = 2_000;

/**
 * Sends work to a module running on a thread of its own, one request at a
 * time in order, and gives each answer back as a promise.
 *
 * Used where the work is CPU the event loop cannot spare (SQLite searches,
 * entity extraction): the loop pays only for posting the request and reading
 * the answer. The thread starts on the first request, so a process that
 * never asks never pays for it, and it does not keep a process alive while
 * idle; a thread that dies fails what it held and the next request starts
 * a new one.
 */
export class ThreadClient<In, Out> {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (output: Out) => void; reject: (error: Error) => void }>();
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  /**
   * @param module the thread's module as a URL beside the caller, without extension
   *   (`new URL('./extraction-thread', import.meta.url)`): the `.js` file once compiled, the `.ts` source under tsx
   * @param workerData handed to the thread as `workerData`
   * @param idleMs when set, a thread with nothing to do for this long is stopped (its memory given back); the
   *   next request starts a new one
   */
  constructor(
    private readonly module: URL,
    private readonly name: string,
    private readonly workerData?: unknown,
    private readonly idleMs?: number,
  ) {}

  /** Whether a thread is running now. */
  get started(): boolean {
    return this.worker !== undefined;
  }

  run(input: In): Promise<Out> {
    // A request after close() (a job still finishing while the server stops) must not start a thread nobody stops.
    if (this.closed) return Promise.reject(new Error(`The ${this.name} was closed.`));
    clearTimeout(this.idleTimer);
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<Out>((resolve, reject) => {
      // Held while a request is out, so a process waiting only on it does not exit under it.
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input } satisfies ThreadRequest<In>);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await stop(worker);
    this.failAll(new Error(`The ${this.name} was closed.`));
  }

  private start(): Worker {
    // Compiled (dist-server) the thread is a .js file. Under tsx or Vitest it is the .ts source, which a
    // worker cannot load by itself: a two-line bootstrap registers tsx first.
    const source = import.meta.url.endsWith('.ts');
    const thread = new URL(`${this.module.href}${source ? '.ts' : '.js'}`);
    const options = { workerData: this.workerData, name: this.name };
    const worker = source
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(thread.href)}); });`, { ...options, eval: true })
      : new Worker(thread, options);
    worker.unref();
    worker.on('message', (reply: ThreadReply<Out>) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) {
        worker.unref();
        this.stopWhenIdle(worker);
      }
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.output);
    });
    // Only the current thread's end fails what is waiting: a thread stopped for idleness (or by close(),
    // which fails the rest itself) may exit after its successor has taken new requests.
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(new Error(`The ${this.name} stopped.`));
    });
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(worker: Worker): void {
    if (this.idleMs === undefined) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = undefined;
      void stop(worker);
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * Asks a thread to end once it has answered what it holds and closed its
 * handles; terminates it only if it has not ended within the grace time
 * (a terminate interrupts whatever the thread is running, native calls included).
 */
async function stop(worker: Worker): Promise<void> {
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage({ stop: true } satisfies ThreadStop);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STOP_GRACE_MS);
    timer.unref();
  });
  if ((await Promise.race([ended, late])) === 'late') await worker.terminate();
  clearTimeout(timer);
}
