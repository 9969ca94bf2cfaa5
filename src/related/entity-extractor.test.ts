import { describe, expect, it } from 'vitest';
import { entityExtractor } from './entity-extractor.js';

describe('the entity-extraction thread', () => {
  it('finds the people and places a story names off the main thread, stops when idle and starts again for the next story', async () => {
    const extractor = entityExtractor({ idleMs: 300 });
    try {
      const story = { headline: 'Mayor Elena Voss backs the ferry levy', bodyText: 'Mayor Elena Voss said in Harlow Bay on Tuesday that the levy would pass. Voss spoke after the vote.' };
      const first = await extractor.extract(story);
      expect(first.map((e) => e.name)).toEqual(expect.arrayContaining(['Elena Voss', 'Harlow Bay']));
      expect(extractor.started).toBe(true);
      await expect.poll(() => extractor.started, { timeout: 5_000 }).toBe(false);
      expect((await extractor.extract(story)).map((e) => e.name)).toEqual(first.map((e) => e.name));
    } finally {
      await extractor.close();
    }
  }, 60_000);
});
