import { isbot } from 'isbot';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase();
}

/**
 * Whether a request for the counter is a reader's view: not a bot (the
 * maintained isbot list; no user agent at all counts as one), and not a
 * prefetch or prerender a browser made before anyone looked at the page.
 */
export function isCountable(headers: Headers): boolean {
  const agent = header(headers, 'user-agent');
  if (!agent || isbot(agent)) return false;
  const purpose = `${header(headers, 'sec-purpose')} ${header(headers, 'purpose')} ${header(headers, 'x-purpose')} ${header(headers, 'x-moz')}`;
  return !/prefetch|prerender|preview/.test(purpose);
}
