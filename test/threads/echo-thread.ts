/** A thread for thread-client.test.ts: echoes its input, and on close writes the file it was given. */
import { writeFileSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { serveThread } from '../../src/threads/serve-thread.js';

const { closedMarker } = workerData as { closedMarker: string };

serveThread(
  (input: string) => {
    if (input === 'fail') throw new Error('asked to fail');
    return `echo ${input}`;
  },
  () => writeFileSync(closedMarker, 'closed'),
);
