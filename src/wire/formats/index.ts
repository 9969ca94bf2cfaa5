export { type DetectedFormat, detectFormat, detectNinjsVersion, type NinjsVersion } from './detect-format.js';
export type { FailedItem, ParsedItem, ParseOutcome, SkippedItem } from './parse-outcome.js';
export { parseWireFile, type WireFileSource } from './parse-wire-file.js';
