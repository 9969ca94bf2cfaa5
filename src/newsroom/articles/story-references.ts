import { DatelineError } from '../../domain/errors.js';
import type { DeskStoryRepo } from '../../store/index.js';
import type { ArticleSnapshot } from './article-snapshot.js';

/**
 * Checks that the section, authors, sponsor and lead picture a save names
 * exist, so a wrong id is a 400 that names it rather than a foreign-key
 * failure deep in the write.
 */
export async function checkReferences(stories: DeskStoryRepo, fields: Partial<ArticleSnapshot>): Promise<void> {
  const missing = (table: 'sections' | 'authors' | 'sponsors' | 'media', ids: number[]) => stories.missing(table, ids);
  const problems: string[] = [];
  if (fields.sectionId !== undefined && (await missing('sections', [fields.sectionId])).length > 0) {
    problems.push(`there is no section with id ${fields.sectionId}`);
  }
  const authors = fields.authorIds ? await missing('authors', fields.authorIds) : [];
  if (authors.length > 0) problems.push(`there is no author with id ${authors.join(', ')}`);
  if (fields.sponsorId != null && (await missing('sponsors', [fields.sponsorId])).length > 0) {
    problems.push(`there is no sponsor with id ${fields.sponsorId}`);
  }
  if (fields.leadMediaId != null && (await missing('media', [fields.leadMediaId])).length > 0) {
    problems.push(`there is no picture with id ${fields.leadMediaId} in the media library`);
  }
  if (problems.length > 0) {
    throw new DatelineError('BAD_INPUT', `The story names records that do not exist: ${problems.join('; ')}.`, {
      hint: 'Pick sections, authors, sponsors and pictures from the lists the newsroom shows (GET /admin/api/sections, /authors, /sponsors, /media).',
    });
  }
}
