import type { Role } from '../admin-api-contract.js';

/** Who may call the story routes (the guard answers 403 to the rest); which stories each sees is story-access.ts. */
export const ANY_ROLE: readonly Role[] = ['admin', 'editor', 'writer', 'contributor'];
/** Submitting for review: writers and up; contributors hand drafts to an editor instead. */
export const WRITERS: readonly Role[] = ['admin', 'editor', 'writer'];
/** Publishing, scheduling, unpublishing, withdrawing, corrections, the wire queue, lock take-over. */
export const DESK: readonly Role[] = ['admin', 'editor'];
