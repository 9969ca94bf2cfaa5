import { DatelineError } from '../../domain/errors.js';
import type { AdminStatus, Role, SessionUser } from '../admin-api-contract.js';

/** What the access rules need to know about a story. */
export interface StoryFacts {
  id: number;
  status: AdminStatus;
  createdBy: number | null;
}

const DESK: readonly Role[] = ['admin', 'editor'];

/** Editors and admins work on every story; writers and contributors on the ones they made. */
export function seesEveryStory(role: Role): boolean {
  return DESK.includes(role);
}

/**
 * Whether the user may open the story at all. Someone else's story answers
 * 404 to a writer, as if it did not exist: the list never shows it either.
 */
export function canSee(user: SessionUser, story: StoryFacts): boolean {
  return seesEveryStory(user.role) || story.createdBy === user.id;
}

/**
 * Which statuses a role may save changes in. A writer keeps working on a
 * story until it is scheduled or published; a contributor only on drafts;
 * the desk on anything not withdrawn (published stories get fixes too).
 */
export function editableStatuses(role: Role): readonly AdminStatus[] {
  if (seesEveryStory(role)) return ['draft', 'submitted', 'scheduled', 'published', 'withheld'];
  if (role === 'writer') return ['draft', 'submitted'];
  return ['draft'];
}

function notFound(id: number): DatelineError {
  return new DatelineError('NOT_FOUND', `There is no story with id ${id} among the stories you can open.`, {
    hint: 'Writers and contributors see the stories they made; GET /admin/api/articles lists them.',
  });
}

/** Throws NOT_FOUND when the user may not see the story. */
export function checkSee(user: SessionUser, story: StoryFacts | undefined, id: number): asserts story is StoryFacts {
  if (!story || !canSee(user, story)) throw notFound(id);
}

/** Throws unless the user may save changes to the story in its current status. */
export function checkEdit(user: SessionUser, story: StoryFacts | undefined, id: number): asserts story is StoryFacts {
  checkSee(user, story, id);
  if (story.status === 'withdrawn') {
    throw new DatelineError('CONFLICT', 'This story was withdrawn for good and can no longer be changed.', {
      hint: 'Write a new story instead.',
    });
  }
  if (!editableStatuses(user.role).includes(story.status)) {
    throw new DatelineError('FORBIDDEN', `A ${user.role} may not change a story that is ${story.status}.`, {
      hint: user.role === 'contributor' ? 'Contributors edit their own drafts; ask an editor to make the change.' : 'Ask an editor to make the change.',
    });
  }
}
