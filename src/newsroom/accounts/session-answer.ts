import { configDefaults } from '../../domain/site-settings.js';
import type { SessionResponse, SessionUser } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import type { UserRepo } from './user-repo.js';

/**
 * What the newsroom app learns at sign-in and on every reload: the user,
 * the CSRF token, the author they write as (a new story's byline) and the
 * site's name and time zone as the Settings screen (or the environment) set
 * them now, in which the app shows every time.
 */
export async function sessionAnswer(
  deps: Pick<NewsroomDeps, 'config' | 'store'>,
  users: UserRepo,
  session: { user: SessionUser; csrfToken: string; mustChangePassword: boolean },
): Promise<SessionResponse> {
  const [user, settings] = await Promise.all([users.get(session.user.id), deps.store.siteSettings.resolve(configDefaults(deps.config), deps.config.pinnedSettings ?? [])]);
  return {
    user: session.user,
    csrfToken: session.csrfToken,
    mustChangePassword: session.mustChangePassword,
    authorId: user.authorId,
    site: { name: settings.name, timeZone: settings.timeZone },
  };
}
