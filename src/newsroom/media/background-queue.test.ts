import { describe, expect, it } from 'vitest';
import { BackgroundQueue } from './background-queue.js';

describe('BackgroundQueue', () => {
  it('runs jobs one at a time in order, reports failures and keeps going, and drains', async () => {
    const errors: unknown[] = [];
    const queue = new BackgroundQueue((error) => errors.push(error));
    const log: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      running++;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(name);
      running--;
      if (fail) throw new Error(name);
    };
    queue.add(job('a'));
    queue.add(job('b', true));
    queue.add(job('c'));
    expect(queue.size).toBe(3);
    await queue.drain();
    expect(log).toEqual(['a', 'b', 'c']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['b']);
    expect(queue.size).toBe(0);
  });
});
