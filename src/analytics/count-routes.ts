import type { FastifyInstance } from 'fastify';
import { isCountable } from './countable.js';
import type { ViewCollector } from './view-collector.js';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The page's script, served from this site (no third party): it asks for
 * the counter with the referring domain only a page knows, and waits for a
 * prerendered page to be shown before counting it.
 */
const SCRIPT = `(function(){var s=document.currentScript;if(!s)return;var q=s.getAttribute('data-q')||'';
function count(){var r='';try{var u=new URL(document.referrer);if(u.host!==location.host)r=u.hostname}catch(e){}
var i=new Image(1,1);i.src='/count.gif?'+q+(q?'&':'')+'js=1'+(r?'&r='+encodeURIComponent(r):'')}
if(document.prerendering){document.addEventListener('prerenderingchange',count,{once:true})}else{count()}})();
`;

const ID = /^\d{1,9}$/;
const HOST = /^[a-z0-9.-]{1,253}$/;

/** The referring domain as counted: lower case, without a leading www. */
export function referrerDomain(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const host = raw.trim().toLowerCase().replace(/^www\./, '');
  return HOST.test(host) && host.includes('.') ? host : undefined;
}

/**
 * GET /count.gif counts a view and answers the pixel; GET /count.js is the
 * script. The pixel is never cacheable (every view must reach a node) and
 * no answer here sets a cookie.
 */
export async function countRoutes(app: FastifyInstance, deps: { collector: ViewCollector; clock: () => Date }): Promise<void> {
  app.get('/count.js', async (_request, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(SCRIPT),
  );

  app.get<{ Querystring: Record<string, string | undefined> }>('/count.gif', async (request, reply) => {
    if (isCountable(request.headers)) {
      const q = request.query;
      await deps.collector.add({
        at: deps.clock(),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        story: q.a && ID.test(q.a) ? Number(q.a) : undefined,
        section: q.s && ID.test(q.s) ? Number(q.s) : undefined,
        referrer: referrerDomain(q.r),
      });
    }
    return reply
      .header('content-type', 'image/gif')
      .header('cache-control', 'no-store, max-age=0')
      .header('x-robots-tag', 'noindex')
      .send(PIXEL);
  });
}
