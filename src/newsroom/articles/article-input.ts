import { DatelineError } from '../../domain/errors.js';
import { sanitizeStoryHtml } from '../../domain/sanitize-story-html.js';
import { languageProblem } from '../../domain/site-settings.js';
import { slugify } from '../../domain/slug.js';
import type { ArticleDraftInput } from '../admin-api-contract.js';
import type { ArticleSnapshot } from './article-snapshot.js';

const bad = (message: string, hint: string) => new DatelineError('BAD_INPUT', message, { hint });

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Checks and tidies what the editor sent: trims text, sanitizes the body,
 * makes the slug a slug, drops duplicate tags. Fields not sent stay undefined.
 * Whether the result is whole (a sponsored story names its sponsor) is
 * `checkWhole`'s job, once it is merged with the story.
 */
export function normalizeInput(input: ArticleDraftInput): Partial<ArticleSnapshot> {
  const out: Partial<ArticleSnapshot> = {};
  if (input.headline !== undefined) {
    const headline = clean(input.headline);
    if (headline === '') throw bad('The headline is empty.', 'Write a headline; the story needs one even as a draft.');
    out.headline = headline;
  }
  if (input.slug !== undefined) {
    const slug = slugify(input.slug);
    if (slug === '') throw bad(`"${input.slug}" has no letters or digits to make an address from.`, 'Use words like "council-passes-budget".');
    out.slug = slug;
  }
  if (input.summary !== undefined) out.summary = clean(input.summary);
  if (input.bodyHtml !== undefined) out.bodyHtml = sanitizeStoryHtml(input.bodyHtml);
  if (input.dateline !== undefined) out.dateline = input.dateline === null ? null : clean(input.dateline) || null;
  if (input.label !== undefined) out.label = input.label;
  if (input.sponsorId !== undefined) out.sponsorId = input.sponsorId;
  if (input.sectionId !== undefined) out.sectionId = input.sectionId;
  if (input.authorIds !== undefined) out.authorIds = [...new Set(input.authorIds)];
  if (input.tags !== undefined) {
    const seen = new Set<string>();
    out.tags = input.tags.map(clean).filter((t) => t !== '' && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  }
  if (input.leadMediaId !== undefined) out.leadMediaId = input.leadMediaId;
  if (input.contributorNote !== undefined) out.contributorNote = input.contributorNote === null ? null : clean(input.contributorNote) || null;
  if (input.language !== undefined) {
    const language = input.language === null ? '' : input.language.trim();
    const problem = language ? languageProblem(language) : null;
    if (problem) throw bad(`The story's language: ${problem}`, 'Leave it empty for the site’s language.');
    out.language = language || null;
  }
  return out;
}

/** Rules that hold across fields, checked on the story as it would be after the save. */
export function checkWhole(story: ArticleSnapshot): void {
  if (story.label === 'sponsored' && story.sponsorId === null) {
    throw bad('A sponsored story needs a sponsor.', 'Pick the sponsor who paid for it, or choose another label.');
  }
}
