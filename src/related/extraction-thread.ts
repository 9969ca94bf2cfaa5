/**
 * The body of the entity-extraction thread (see entity-extractor.ts): loads
 * compromise and its lexicon once, then answers one story at a time.
 */
import { serveThread } from '../threads/serve-thread.js';
import { type ExtractionInput, extractEntities } from './extract-entities.js';

serveThread((input: ExtractionInput) => extractEntities(input));
