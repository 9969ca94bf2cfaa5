export { ALLOW_NOTHING, type AllowList, parseAllowList, refusal } from './address-policy.js';
export { guardedFetch, type OutboundOptions, type OutboundRequest, type OutboundResponse, type ResolvedAddress, type Resolver } from './guarded-fetch.js';
export { OutboundError, type OutboundFailure } from './outbound-error.js';
