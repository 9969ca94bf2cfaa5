import { type Author, authorPath } from '../../domain/author.js';
import { renditionNear } from '../../domain/media.js';

/** "By NAME", each name linking to the author's page, with their pictures. */
export function Byline({ authors }: { authors: Author[] }) {
  if (authors.length === 0) return null;
  return (
    <div class="byline">
      {authors.map((author) => {
        const picture = author.picture && renditionNear(author.picture, 96, 'jpeg');
        return picture ? (
          <img
            key={author.slug}
            class="byline-picture"
            src={picture.url}
            alt={`${author.name}’s profile picture`}
            width="48"
            height="48"
          />
        ) : null;
      })}
      <p>
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
    </div>
  );
}
