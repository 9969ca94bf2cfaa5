import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../../domain/errors.js';
import { ADMIN_APP_CSP, newsroomHeaders } from '../security-headers.js';

/** Where `npm run build` puts the newsroom app (admin/vite.config.ts). */
export const ADMIN_APP_DIR = fileURLToPath(new URL('../../../dist/admin', import.meta.url));

/**
 * Serves the built newsroom app at /admin: its hashed assets with long caching,
 * and index.html for every other /admin address (the app routes in the browser).
 * /admin/api belongs to the admin API; an unknown API address stays a JSON 404.
 */
export async function serveAdminApp(app: FastifyInstance, dir = ADMIN_APP_DIR): Promise<void> {
  const indexPath = path.join(dir, 'index.html');
  const built = existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(dir, 'assets'),
      prefix: '/admin/assets/',
      decorateReply: false,
      index: false,
      // Vite names every asset by its content hash, so a browser may keep it for good.
      immutable: true,
      maxAge: '365d',
      setHeaders: (res) => res.header('x-content-type-options', 'nosniff'),
    });
  }
  const shell = async (request: { url: string }, reply: import('fastify').FastifyReply) => {
    if (request.url.startsWith('/admin/api/') || request.url === '/admin/api') {
      return reply.code(404).send(errorBody('NOT_FOUND', `No admin API route ${request.url.split('?')[0]}.`, 'See /admin/api/openapi.json for the routes.'));
    }
    if (!built) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Newsroom not built</title></head><body><main><h1>The newsroom app is not built</h1><p>Run <code>npm run build</code> (npm install does it for you) and restart the server.</p></main></body></html>',
        );
    }
    // Read on every request (half a kilobyte): a rebuild while the server runs is picked up at once.
    // Never stored by a shared cache in front: the newsroom is not for readers.
    const index = await readFile(indexPath, 'utf8');
    return newsroomHeaders(reply, ADMIN_APP_CSP).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(index);
  };
  app.get('/admin', shell);
  app.get('/admin/*', shell);
}
