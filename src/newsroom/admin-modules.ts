import type { FastifyInstance } from 'fastify';
import type { AudienceReport } from '../analytics/index.js';
import type { Config } from '../config.js';
import type { NewsletterDesk } from '../newsletters/index.js';
import type { Store } from '../store/index.js';
import { accountsModule } from './accounts/accounts-module.js';
import { articlesModule } from './articles/articles-module.js';
import { audienceModule } from './audience/audience-module.js';
import { entitiesModule } from './entities/entities-module.js';
import { frontsModule } from './fronts/fronts-module.js';
import { importsModule } from './imports/imports-module.js';
import { mediaModule } from './media/media-module.js';
import { pagesModule } from './pages/pages-module.js';
import { settingsModule } from './settings/settings-module.js';
import { siteSettingsModule } from './settings/site-settings-module.js';
import { wireSourcesModule } from './wire-sources/wire-sources-module.js';

/** What every admin module is given. */
export interface NewsroomDeps {
  store: Store;
  config: Readonly<Config>;
  /** The current time; tests pass a fixed clock. */
  clock: () => Date;
  /** Renders a story (drafts too) as its public page would look; undefined when there is no such story. */
  preview?: (articleId: number) => Promise<string | undefined>;
  /** Newsletter editions: preview, test, send (server.ts makes it from SMTP_URL). */
  newsletters?: NewsletterDesk;
  /** Audience numbers for the dashboard and the story list. */
  audience?: AudienceReport;
}

export type AdminModule = (app: FastifyInstance, deps: NewsroomDeps) => Promise<void>;

/**
 * The admin API's route modules. Each is registered in a scope of its own
 * under /admin/api (so it may register plugins such as multipart for
 * itself) and inherits the plugin's role guard, error handler and OpenAPI
 * collection. Every route must declare `config: { roles }`.
 */
export const ADMIN_MODULES: AdminModule[] = [accountsModule, articlesModule, mediaModule, settingsModule, siteSettingsModule, audienceModule, pagesModule, importsModule, frontsModule, entitiesModule, wireSourcesModule];
