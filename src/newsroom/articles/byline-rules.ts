import { DatelineError } from '../../domain/errors.js';
import type { DeskStoryRepo, Tx } from '../../store/index.js';
import type { Role } from '../admin-api-contract.js';
import { seesEveryStory } from './story-access.js';

/**
 * Who may be named in a byline. Editors and admins credit anyone. Writers
 * and contributors sign as themselves (the author their account is linked
 * to) and may keep co-authors an editor already put on the story; they
 * cannot add anyone else. Removing a name is always allowed.
 * Returns null when the byline is allowed, or the names that are not.
 */
export function bylineRefusal(role: Role, ownAuthorId: number | null, before: readonly number[], after: readonly number[]): number[] | null {
  if (seesEveryStory(role)) return null;
  const allowed = new Set(before);
  if (ownAuthorId !== null) allowed.add(ownAuthorId);
  const refused = after.filter((id) => !allowed.has(id));
  return refused.length === 0 ? null : refused;
}

/** The author a newsroom user writes as, or null when an admin has not linked one. */
export function ownAuthor(stories: DeskStoryRepo, userId: number, tx?: Tx): Promise<number | null> {
  return stories.authorOfUser(userId, tx);
}

/** Refuses (422) a byline the user may not write, naming who and saying what to do. */
export async function checkByline(stories: DeskStoryRepo, user: { id: number; role: Role }, before: readonly number[], after: readonly number[], tx?: Tx): Promise<void> {
  if (seesEveryStory(user.role)) return;
  const own = await ownAuthor(stories, user.id, tx);
  const refused = bylineRefusal(user.role, own, before, after);
  if (!refused) return;
  const rows = await stories.authorNames(refused, tx);
  const names = refused.map((id) => rows.find((r) => r.id === id)?.name ?? `author ${id}`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const message =
    own === null
      ? `You cannot put ${list} in the byline: your account is not linked to an author yet.`
      : `You can sign stories only as yourself, with co-authors an editor has already added; ${list} ${names.length === 1 ? 'is' : 'are'} not on this story.`;
  const hint = own === null ? 'Ask an admin to link your account to your author on the Users screen.' : `Ask an editor to add ${list} to the byline.`;
  throw Object.assign(new DatelineError('BAD_INPUT', message, { hint }), { statusCode: 422 });
}
