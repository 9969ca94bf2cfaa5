import type { FastifyInstance } from 'fastify';
import type { NewsroomDeps } from '../admin-modules.js';
import { Accounts } from './accounts.js';
import { sessionRoutes } from './session-routes.js';
import { userRoutes } from './user-routes.js';

/** The accounts lane of the admin API: sessions and users. */
export async function accountsModule(app: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const accounts = new Accounts(deps.store.db, { sessionMaxAgeMs: deps.config.sessionMaxAgeMs });
  await sessionRoutes(app, deps, accounts);
  await userRoutes(app, deps, accounts);
}
