export { pollDue, pollSource, startPolling } from './feed-poller.js';
export type { InboxFileResult } from './inbox-file.js';
export { type Inbox, startInbox } from './inbox-watcher.js';
export { formatInterval, parsePollInterval } from './poll-interval.js';
export { PUSH_CONTENT_TYPES, PUSH_PREFIX, pushRoutes } from './push-routes.js';
export { rulesFor } from './source-rules.js';
export { startWireSources } from './start-wire-sources.js';
