import type { Article, Teaser } from '../../domain/article.js';
import { bodyWithDateline } from '../../domain/body-dateline.js';
import { storyRightsLine } from '../../domain/copyright-notice.js';
import type { Entity } from '../../domain/entity.js';
import { excerpt, textOfHtml } from '../../domain/excerpt.js';
import { renditionNear, socialImageOf } from '../../domain/media.js';
import { type Section, sectionPath } from '../../domain/section.js';
import { tagPath } from '../../domain/tag.js';
import { isoWithOffset } from '../../domain/time-format.js';
import { articleJsonLd } from '../article-json-ld.js';
import { Byline } from '../components/byline.js';
import { Document } from '../components/document.js';
import { LeadFigure } from '../components/lead-figure.js';
import { RelatedStories } from '../components/related-stories.js';
import { SponsoredBox } from '../components/sponsored-box.js';
import { StoryNotes } from '../components/story-notes.js';
import { TeaserList } from '../components/teaser-list.js';
import { StoryTimes } from '../components/time-stamp.js';
import { TopicsLine } from '../components/topics-line.js';
import { feedLinks, feedTitle } from '../feeds/feed-links.js';
import type { SiteContext } from '../site-context.js';
import { tablesInScrollBoxes } from '../table-scroll.js';
import { withTopics } from '../topic-json-ld.js';

export interface ArticlePageData {
  article: Article;
  moreInSection: Teaser[];
  sponsored: Teaser[];
  sectionsById: ReadonlyMap<number, Section>;
  /** Stored related stories readers can see, without those in More in SECTION (issue 14). */
  related?: Teaser[];
  /** The confirmed people, organizations and places the story names. */
  topics?: Array<Pick<Entity, 'slug' | 'name' | 'kind' | 'description'>>;
}

export function ArticlePage({ data, site }: { data: ArticlePageData; site: SiteContext }) {
  const { article, moreInSection, sponsored, sectionsById } = data;
  const sectionHref = sectionPath(article.section, sectionsById);
  const published = article.publishedAt ?? article.modifiedAt;
  const media = article.leadMedia;
  // The social image is cut around the focal point; pictures from before it existed offer their largest JPEG.
  const cardImage = media ? (socialImageOf(media) ?? renditionNear(media, 1280, 'jpeg')) : undefined;
  const isSponsored = article.label === 'sponsored';
  const isOpinion = article.label === 'opinion';
  const rights = storyRightsLine(article.copyrightNotice, article.copyrightHolder);
  return (
    <Document
      site={site}
      meta={{
        title: `${article.headline} | ${site.name}`,
        description: article.summary || excerpt(textOfHtml(article.bodyHtml), 200, '…'),
        path: article.path,
        type: 'article',
        // A story offers its section's feeds: there is no feed of one story.
        feeds: feedLinks(sectionHref, feedTitle(site.name, article.section.name)),
        image:
          media && cardImage
            ? { url: cardImage.url, width: cardImage.width, height: cardImage.height, alt: media.alt || media.caption }
            : undefined,
        article: {
          publishedTime: isoWithOffset(published, site.timeZone),
          modifiedTime: isoWithOffset(article.updatedAt ?? published, site.timeZone),
          section: article.section.name,
          tags: article.tags.map((t) => t.name),
          authors: article.authors.map((a) => a.name),
        },
        jsonLd: withTopics(articleJsonLd(article, site, sectionsById), data.topics ?? [], site),
        count: { story: article.id, section: article.section.id },
      }}
    >
      <div class="story-layout">
        <article class={`story story-${article.label}`} lang={article.language && article.language !== site.language ? article.language : undefined}>
          <header class="story-header">
            {isSponsored && <p class="story-kicker story-kicker-sponsored">Sponsored</p>}
            <p class="section-label">
              <a href={sectionHref}>{article.section.name}</a>
            </p>
            {/* "Opinion" once: not again under an Opinion section's own label. */}
            {isOpinion && !/^opinion$/i.test(article.section.name) && <p class="story-kicker">Opinion</p>}
            {article.label === 'analysis' && <p class="story-kicker">Analysis</p>}
            <h1>{article.headline}</h1>
            {article.summary && <p class="story-summary">{article.summary}</p>}
            {isSponsored && article.sponsor && (
              <p class="sponsor-note">
                Paid content from{' '}
                <a rel="sponsored" href={article.sponsor.url}>
                  {article.sponsor.name}
                </a>
                . The newsroom was not involved in its creation.
              </p>
            )}
            {/* A columnist's picture and name lead an opinion piece, above the picture. */}
            {isOpinion && (
              <Byline authors={article.authors} columnist>
                <StoryTimes published={published} updated={article.updatedAt} site={site} />
              </Byline>
            )}
          </header>
          {media && <LeadFigure media={media} />}
          {!isOpinion && (
            <Byline authors={article.authors}>
              <StoryTimes published={published} updated={article.updatedAt} site={site} />
            </Byline>
          )}
          <div class="story-body" dangerouslySetInnerHTML={{ __html: tablesInScrollBoxes(bodyWithDateline(article.bodyHtml, article.dateline)) }} />
          {/* The agency's rights line, in small print where a paper prints it: at the foot of the story. */}
          {rights && (
            <p class="story-rights">
              <small>{rights}</small>
            </p>
          )}
          <StoryNotes notes={article.corrections} site={site} />
          {article.contributorNote && (
            <footer class="story-footer">
              <p class="contributor-note">{article.contributorNote}</p>
            </footer>
          )}
          {article.tags.length > 0 && (
            <ul class="story-tags" aria-label="Tags">
              {article.tags.map((tag) => (
                <li key={tag.slug}>
                  <a rel="tag" href={tagPath(tag)}>
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
          <TopicsLine topics={data.topics ?? []} />
        </article>
        <div class="story-rail">
          <RelatedStories teasers={data.related ?? []} site={site} />
          {moreInSection.length > 0 && (
            <section class="more-in" aria-labelledby="more-in-heading">
              <h2 id="more-in-heading">More in {article.section.name}</h2>
              <TeaserList teasers={moreInSection} site={site} />
            </section>
          )}
          <SponsoredBox items={sponsored} />
        </div>
      </div>
    </Document>
  );
}
