export type { ApiDeps } from './api-context.js';
export { API_PREFIX } from './api-json.js';
export { contentApi } from './content-api.js';
