/** Numbered result pages with previous and next; the current page is marked for assistive technology. */
export function SearchPager({ page, pages, urlOf }: { page: number; pages: number; urlOf: (page: number) => string }) {
  if (pages <= 1) return null;
  // A window of pages around the current one keeps the bar short.
  const first = Math.max(1, Math.min(page - 4, pages - 8));
  const numbers = Array.from({ length: Math.min(9, pages) }, (_, i) => first + i);
  return (
    <nav class="pager search-pager" aria-label="Result pages">
      {page > 1 && (
        <a rel="prev" href={urlOf(page - 1)}>
          ← Previous
        </a>
      )}
      <ol>
        {numbers.map((n) => (
          <li key={n}>
            {n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={urlOf(n)} aria-label={`Page ${n}`}>
                {n}
              </a>
            )}
          </li>
        ))}
      </ol>
      {page < pages && (
        <a rel="next" href={urlOf(page + 1)}>
          Next →
        </a>
      )}
    </nav>
  );
}
