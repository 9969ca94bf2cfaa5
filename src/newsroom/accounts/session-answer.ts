import type { SessionResponse, SessionUser } from '../admin-api-contract.js';
import type { NewsroomDeps } from '../admin-modules.js';
import type { UserRepo } from './user-repo.js';

/**
 * What the newsroom app learns at sign-in and on every reload: the user,
 * the CSRF token, the author they write as (a new story's byline) and the
 * site's name and time zone, in which the app shows every time.
 */
export async function sessionAnswer(
  deps: Pick<NewsroomDeps, 'config'>,
  users: UserRepo,
  session: { user: SessionUser; csrfToken: string; mustChangePassword: boolean },
): Promise<SessionResponse> {
  const user = await users.get(session.user.id);
  return {
    user: session.user,
    csrfToken: session.csrfToken,
    mustChangePassword: session.mustChangePassword,
    authorId: user.authorId,
    site: { name: deps.config.siteName, timeZone: deps.config.timeZone },
  };
}
