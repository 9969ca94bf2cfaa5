export { serveThread } from './serve-thread.js';
export { ThreadClient } from './thread-client.js';
