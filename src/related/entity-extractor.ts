import { ThreadClient } from '../threads/index.js';
import type { ExtractionInput, FoundEntity } from './extract-entities.js';

/**
 * Finds the entities a story names on a thread of its own.
 *
 * compromise tags every word of a story: milliseconds each, and a 500-item
 * agency push or the demo's first start asks for hundreds in a row. On the
 * main thread that time is taken from every page being served meanwhile;
 * here the loop pays only for posting the text and reading the names back.
 * compromise and its lexicon (the biggest module the server would otherwise
 * load) are loaded by the thread on the first story.
 */
export function entityExtractor(options: { idleMs?: number } = {}): {
  extract: (input: ExtractionInput) => Promise<FoundEntity[]>;
  close: () => Promise<void>;
  readonly started: boolean;
} {
  // The thread holds about 90 MB (compromise's lexicon and tagger): stopped after a minute without a story, it
  // costs memory only while stories are coming in.
  const client = new ThreadClient<ExtractionInput, FoundEntity[]>(new URL('./extraction-thread', import.meta.url), 'entity extraction thread', undefined, options.idleMs ?? 60_000);
  return {
    extract: (input) => client.run(input),
    close: () => client.close(),
    get started() {
      return client.started;
    },
  };
}
