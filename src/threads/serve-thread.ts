import { parentPort } from 'node:worker_threads';

export interface ThreadRequest<In> {
  id: number;
  input: In;
}

/** Sent by the client instead of a request when the thread should end. */
export interface ThreadStop {
  stop: true;
}

export type ThreadReply<Out> = { id: number; output: Out } | { id: number; error: string };

/**
 * The thread's side of a ThreadClient: answers each request with `work`'s
 * result or its error's message.
 *
 * @param close run when the client asks the thread to end, before it does: a thread holding a native handle
 *   (a SQLite connection) closes it here, so the thread never ends with the handle open — being torn down with
 *   open better-sqlite3 handles is what crashes a worker's process (WiseLibs/better-sqlite3#1476)
 */
export function serveThread<In, Out>(work: (input: In) => Out, close?: () => void): void {
  parentPort?.on('message', (request: ThreadRequest<In> | ThreadStop) => {
    if ('stop' in request) {
      try {
        close?.();
      } finally {
        // With the port closed the thread has nothing left to wait for and ends on its own.
        parentPort?.close();
      }
      return;
    }
    let reply: ThreadReply<Out>;
    try {
      reply = { id: request.id, output: work(request.input) };
    } catch (error) {
      reply = { id: request.id, error: (error as Error).message };
    }
    parentPort?.postMessage(reply);
  });
}
