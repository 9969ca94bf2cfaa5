import { parentPort } from 'node:worker_threads';

export interface ThreadRequest<In> {
  id: number;
  input: In;
}

export type ThreadReply<Out> = { id: number; output: Out } | { id: number; error: string };

/** The thread's side of a ThreadClient: answers each request with `work`'s result or its error's message. */
export function serveThread<In, Out>(work: (input: In) => Out): void {
  parentPort?.on('message', (request: ThreadRequest<In>) => {
    let reply: ThreadReply<Out>;
    try {
      reply = { id: request.id, output: work(request.input) };
    } catch (error) {
      reply = { id: request.id, error: (error as Error).message };
    }
    parentPort?.postMessage(reply);
  });
}
