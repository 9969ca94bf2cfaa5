// The HTTP cache in front of the nodes (Varnish with xkey): purging it by key, and its VCL.

export { type PurgeMode, type PurgeOutcome, purgeCacheTier } from './purge-client.js';
export { CACHE_PURGE_JOB, type CachePurgePayload, type JobHandlerRegistry, readPurgePayload, registerCachePurge } from './purge-job.js';
export { parsePurgeUrls } from './purge-urls.js';
export { buildVcl, renderVcl, type VarnishNode, VCL_TEMPLATE_PATH, type VclOptions } from './varnish-config.js';
