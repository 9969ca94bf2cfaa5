export type { IngestSource } from './apply-item.js';
export { type IngestOptions, ingestFile, ingestFiles, type WireFile } from './ingest-files.js';
export { type IngestReport, type ItemOutcome, type ItemResult, summaryLine } from './ingest-report.js';
export { retryQuarantined } from './retry-quarantined.js';
