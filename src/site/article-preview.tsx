import type { Config } from '../config.js';
import { menuSections, rootSection, sectionPath } from '../domain/section.js';
import type { Store } from '../store/index.js';
import { ArticlePage } from './pages/article-page.js';
import { renderPage } from './render-page.js';
import type { SiteContext } from './site-context.js';
import type { ThemeAssets } from './theme-assets.js';

export interface PreviewDeps {
  store: Store;
  config: Readonly<Config>;
  assets: ThemeAssets;
  clock: () => Date;
}

/**
 * Renders any story (a draft too) as its public page would look, for the
 * newsroom's preview. Never cached and never served at the story's address:
 * the admin API answers with it only to users who may open the story.
 * Resolves to undefined when there is no such story.
 */
export function articlePreview({ store, config, assets, clock }: PreviewDeps): (id: number) => Promise<string | undefined> {
  return async (id) => {
    const article = await store.articles.byId(id);
    if (!article) return undefined;
    const [sections, byId] = await Promise.all([store.sections.all(), store.sections.byId()]);
    const site: SiteContext = {
      name: config.siteName,
      description: config.siteDescription,
      url: config.siteUrl,
      language: config.language,
      timeZone: config.timeZone,
      now: clock(),
      menu: menuSections(sections).map((s) => ({ name: s.name, path: sectionPath(s, byId) })),
      stylesheet: assets.stylesheet.path,
      logo: assets.logo.path,
      currentSection: rootSection(article.section, byId),
    };
    return renderPage(<ArticlePage data={{ article, moreInSection: [], sponsored: [], sectionsById: byId }} site={site} />);
  };
}
