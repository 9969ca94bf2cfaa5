/** Links to newer and older pages of a list; the same URLs go in <link rel> in the head. */
export function Pager({ prev, next }: { prev?: string | undefined; next?: string | undefined }) {
  if (!prev && !next) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {prev && (
        <a rel="prev" href={prev}>
          ← Newer stories
        </a>
      )}
      {next && (
        <a rel="next" href={next}>
          Older stories →
        </a>
      )}
    </nav>
  );
}
