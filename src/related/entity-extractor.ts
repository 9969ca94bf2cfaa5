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
export function entityExtractor(): { extract: (input: ExtractionInput) => Promise<FoundEntity[]>; close: () => Promise<void> } {
  const client = new ThreadClient<ExtractionInput, FoundEntity[]>(new URL('./extraction-thread', import.meta.url), 'entity extraction thread');
  return { extract: (input) => client.run(input), close: () => client.close() };
}
