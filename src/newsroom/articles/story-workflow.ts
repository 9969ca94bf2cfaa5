import { DatelineError } from '../../domain/errors.js';
import type { Store } from '../../store/index.js';
import type { AdminArticle, AdminStatus, CorrectionInput, SessionUser } from '../admin-api-contract.js';
import { checkAltText } from '../media/alt-text-check.js';
import { applyWorkflow } from './apply-workflow.js';
import type { ArticleRow, DeskRepo } from './desk-repo.js';
import { checkSee } from './story-access.js';
import { facts } from './story-desk.js';
import { type WorkflowAction, workflowChange } from './workflow.js';

const MAX_NOTE = 2000;

/** Submitting, publishing, scheduling, unpublishing and withdrawing stories, and appending corrections. */
export class StoryWorkflow {
  constructor(
    private readonly store: Store,
    private readonly desk: DeskRepo,
    private readonly clock: () => Date,
  ) {}

  /** Takes a workflow action on a story the user may see; who may take which action is the route's roles. */
  async act(user: SessionUser, id: number, action: WorkflowAction, at?: Date): Promise<AdminArticle> {
    const now = this.clock();
    await this.store.sections.byId();
    const event = await this.store.transaction(async (trx) => {
      const row = await this.desk.row(trx, id);
      checkSee(user, row && facts(row), id);
      const current = row as ArticleRow;
      const change = workflowChange(
        action,
        {
          status: current.status as AdminStatus,
          publishedAt: current.published_at === null ? null : new Date(current.published_at),
          scheduledFrom: current.scheduled_from as AdminStatus | null,
        },
        now,
        at,
      );
      if ((action === 'publish' || action === 'schedule') && current.body_html.trim() === '') {
        throw new DatelineError('BAD_INPUT', 'The story has no body yet, so there is nothing to publish.', { hint: 'Write the story first, then publish or schedule it.' });
      }
      // Every photo readers will see needs alt text first (422 naming them; the app asks for it).
      if (action === 'publish' || action === 'schedule') await checkAltText(this.store, trx, current);
      return applyWorkflow(this.store, trx, id, change, now);
    });
    if (event) this.store.articleWriter.announce([event]);
    return (await this.desk.article(id)) as AdminArticle;
  }

  /**
   * Appends a dated correction or update. The story's updated time moves
   * to now; a correction fires the `corrected` event, an update `updated`.
   */
  async correct(user: SessionUser, id: number, input: CorrectionInput): Promise<AdminArticle> {
    const now = this.clock();
    const text = noteText(input.kind, input.text);
    await this.store.sections.byId();
    const event = await this.store.transaction(async (trx) => {
      const row = await this.desk.row(trx, id);
      checkSee(user, row && facts(row), id);
      if (row?.status === 'withdrawn') {
        throw new DatelineError('CONFLICT', 'This story was withdrawn; it takes no more notes.', { hint: 'Notes are for stories readers can still see.' });
      }
      await this.desk.stories.addNote(trx, { articleId: id, kind: input.kind, text, at: now, userId: user.id });
      const written = await this.store.articleWriter.update(id, { updatedAt: now }, now, { trx, corrected: input.kind === 'correction' });
      return written.recorded;
    });
    if (event) this.store.articleWriter.announce([event]);
    return (await this.desk.article(id)) as AdminArticle;
  }

  /**
   * Rewords a note. The earlier wording is kept with when it was shown and
   * who replaced it; the note says on the page that it was updated, and the
   * change goes out like any correction (the story's updated time moves, the
   * page is purged through the outbox).
   */
  async editNote(user: SessionUser & { name: string }, id: number, noteId: number, rawText: string): Promise<AdminArticle> {
    const now = this.clock();
    await this.store.sections.byId();
    const event = await this.store.transaction(async (trx) => {
      const row = await this.desk.row(trx, id);
      checkSee(user, row && facts(row), id);
      const note = await this.desk.stories.note(trx, id, noteId);
      if (!note) {
        throw new DatelineError('NOT_FOUND', 'This story has no such correction or update note.', { hint: 'Reload the story to see its notes.' });
      }
      if (row?.status === 'withdrawn') {
        throw new DatelineError('CONFLICT', 'This story was withdrawn; its notes stay as they were.', { hint: 'Notes are for stories readers can still see.' });
      }
      const text = noteText(note.kind, rawText);
      if (text === note.text) return null;
      await this.desk.stories.rewordNote(trx, noteId, { previousText: note.text, shownFrom: note.editedAt ?? note.at, text, at: now, userId: user.id, userName: user.name });
      const written = await this.store.articleWriter.update(id, { updatedAt: now }, now, { trx, corrected: note.kind === 'correction' });
      return written.recorded;
    });
    if (event) this.store.articleWriter.announce([event]);
    return (await this.desk.article(id)) as AdminArticle;
  }
}

/** A note's text with its spacing tidied, or a BAD_INPUT that says what a note needs. */
function noteText(kind: CorrectionInput['kind'], raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > MAX_NOTE) {
    throw new DatelineError('BAD_INPUT', `A ${kind} note needs 1 to ${MAX_NOTE} characters of text.`, {
      hint: 'Say what was wrong and what is right, e.g. "An earlier version misspelled the mayor’s name."',
    });
  }
  return text;
}
