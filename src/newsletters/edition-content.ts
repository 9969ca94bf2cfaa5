import type { Edition, NewsletterList } from '../domain/newsletter.js';
import type { SiteSettingsReader } from '../domain/site-settings.js';
import type { Store } from '../store/index.js';
import { editionHtml, editionText, MAX_STORIES, type MailStory, mailPicture } from './edition-mail.js';

export interface SiteFacts {
  siteName: string;
  siteUrl: string;
}

/**
 * The site as newsletters know it: its public address (fixed at start) and
 * its settings, read at each use, so a name or time zone changed in the
 * Settings screen is in the next mail, on every node, without a restart.
 */
export interface NewsletterSite {
  siteUrl: string;
  settings: SiteSettingsReader;
}

/** The site's name, address and time zone as they are now. */
export async function siteFacts(site: NewsletterSite): Promise<SiteFacts & { timeZone: string }> {
  const { name, timeZone } = await site.settings();
  return { siteName: name, siteUrl: site.siteUrl, timeZone };
}

/** Stories of the automatic digest: the fronts' newest published stories, lead first. */
export async function digestStories(store: Store, site: SiteFacts, now: Date, limit = 10): Promise<MailStory[]> {
  const page = await store.articles.list({ scope: { kind: 'all' }, limit, now });
  return page.items.map((t) => ({
    headline: t.headline,
    summary: t.summary || t.excerpt,
    url: `${site.siteUrl}${t.path}`,
    section: t.section.name,
    picture: mailPicture(t.leadMedia, site.siteUrl),
  }));
}

/** Stories an editor picked, in their order; ones no longer published are left out. */
export async function pickedStories(store: Store, site: SiteFacts, ids: readonly number[], now: Date): Promise<MailStory[]> {
  const stories: MailStory[] = [];
  for (const id of ids.slice(0, MAX_STORIES)) {
    const article = await store.articles.byId(id);
    if (article?.status !== 'published' || !article.publishedAt || article.publishedAt > now) continue;
    stories.push({
      headline: article.headline,
      summary: article.summary,
      url: `${site.siteUrl}${article.path}`,
      section: article.section.name,
      picture: mailPicture(article.leadMedia, site.siteUrl),
    });
  }
  return stories;
}

/** An edition as mail: subject, HTML and text, with the unsubscribe placeholder still in. */
export async function renderEdition(store: Store, site: SiteFacts, list: NewsletterList, edition: Edition, now: Date) {
  const stories = edition.kind === 'digest' && edition.articleIds.length === 0 ? await digestStories(store, site, now) : await pickedStories(store, site, edition.articleIds, now);
  const input = { siteName: site.siteName, siteUrl: site.siteUrl, listName: list.name, subject: edition.subject, intro: edition.intro, stories };
  return { subject: edition.subject, html: editionHtml(input), text: editionText(input), stories: stories.length };
}
