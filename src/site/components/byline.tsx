import type { ComponentChildren } from 'preact';
import { type Author, authorPath } from '../../domain/author.js';
import { renditionNear } from '../../domain/media.js';

/**
 * "By NAME", each name linking to the author's page, with their pictures and,
 * beneath the names, the story's times (`children`), so the byline and the
 * timestamp read as one unit. `columnist`: an opinion piece, whose writer's
 * picture is shown large beside the name.
 */
export function Byline({ authors, columnist = false, children }: { authors: Author[]; columnist?: boolean; children?: ComponentChildren }) {
  if (authors.length === 0) return children ? <div class="byline byline-times-only">{children}</div> : null;
  const size = columnist ? 160 : 96;
  return (
    <div class={columnist ? 'byline byline-columnist' : 'byline'}>
      {authors.map((author) => {
        const picture = author.picture && renditionNear(author.picture, size, 'jpeg');
        return picture ? (
          <img
            key={author.slug}
            class="byline-picture"
            src={picture.url}
            alt={`${author.name}’s profile picture`}
            width={columnist ? 80 : 48}
            height={columnist ? 80 : 48}
          />
        ) : null;
      })}
      <div class="byline-text">
        <p class="byline-names">
          By{' '}
          {authors.map((author, index) => (
            <span key={author.slug}>
              {index > 0 && (index === authors.length - 1 ? ' and ' : ', ')}
              <a rel="author" href={authorPath(author)}>
                {author.name}
              </a>
            </span>
          ))}
        </p>
        {children}
      </div>
    </div>
  );
}
