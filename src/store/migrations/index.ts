import type { Migration } from 'kysely';
import type { Dialect } from '../dialect.js';
import { initialSchema } from './0001-initial.js';
import { articleEvents } from './0002-article-events.js';
import { search } from './0003-search.js';
import { apiKeys } from './0004-api-keys.js';
import { webhooks } from './0005-webhooks.js';
import { wire } from './0006-wire.js';
import { accounts } from './0007-accounts.js';
import { newsroom } from './0008-newsroom.js';
import { wireSources } from './0009-wire-sources.js';
import { searchSpeed } from './0010-search-speed.js';
import { outbox } from './0011-outbox.js';
import { jobs } from './0012-jobs.js';
import { mediaStore } from './0013-media-store.js';
import { mediaEdits } from './0014-media-edits.js';
import { imports } from './0017-imports.js';
import { staticPages } from './0018-static-pages.js';
import { newsletters } from './0020-newsletters.js';
import { audience } from './0021-audience.js';
import { searchParity } from './0023-search-parity.js';
import { fronts } from './0024-fronts.js';
import { focalPoint } from './0025-focal-point.js';
import { userAuthors } from './0026-user-authors.js';
import { siteSettings } from './0027-site-settings.js';
import { entities } from './0028-entities.js';
import { wireDesk } from './0029-wire-desk.js';
import { copyright } from './0030-copyright.js';
import { wirePictureMedia } from './0031-wire-picture-media.js';

/** Every migration in order. Names sort in the order they run. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initialSchema(dialect),
    '0002-article-events': articleEvents(dialect),
    '0003-search': search(dialect),
    '0004-api-keys': apiKeys(dialect),
    '0005-webhooks': webhooks(dialect),
    '0006-wire': wire(dialect),
    '0007-accounts': accounts(dialect),
    '0008-newsroom': newsroom(dialect),
    '0009-wire-sources': wireSources(dialect),
    '0010-search-speed': searchSpeed(dialect),
    '0011-outbox': outbox(dialect),
    '0012-jobs': jobs(dialect),
    '0013-media-store': mediaStore(dialect),
    '0014-media-edits': mediaEdits(dialect),
    '0017-imports': imports(dialect),
    '0018-static-pages': staticPages(dialect),
    '0020-newsletters': newsletters(dialect),
    '0021-audience': audience(dialect),
    '0023-search-parity': searchParity(dialect),
    '0025-focal-point': focalPoint(dialect),
    '0024-fronts': fronts(dialect),
    '0026-user-authors': userAuthors(dialect),
    '0027-site-settings': siteSettings(dialect),
    '0028-entities': entities(dialect),
    '0029-wire-desk': wireDesk(dialect),
    '0030-copyright': copyright(dialect),
    '0031-wire-picture-media': wirePictureMedia(dialect),
  };
}
