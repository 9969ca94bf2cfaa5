import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { ArticlePage } from './pages/article-page.js';
import { renderPage } from './render-page.js';
import { buildSiteContext } from './site-context.js';
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
    const [site, byId] = await Promise.all([buildSiteContext({ store, config, assets, clock }, article.section), store.sections.byId()]);
    return renderPage(<ArticlePage data={{ article, moreInSection: [], sponsored: [], sectionsById: byId }} site={site} />);
  };
}
