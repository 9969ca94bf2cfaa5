/** What one page view counts toward besides the whole site. */
export interface CountTarget {
  story?: number;
  section?: number;
}

/** Where the counting endpoint and its script live (src/analytics serves them). */
export const COUNT_IMAGE_PATH = '/count.gif';
export const COUNT_SCRIPT_PATH = '/count.js';

/**
 * Counts a view of a cached page: the HTML is the same for everyone, so the
 * count happens in a tiny uncacheable request the page makes. With
 * JavaScript a first-party script asks (adding the referring domain, which
 * only the page knows); without it the <noscript> image does.
 */
export function CountPixel({ target }: { target: CountTarget }) {
  const query = [target.story !== undefined && `a=${target.story}`, target.section !== undefined && `s=${target.section}`].filter(Boolean).join('&');
  return (
    <>
      <script src={COUNT_SCRIPT_PATH} data-q={query} async />
      <noscript>
        <img src={`${COUNT_IMAGE_PATH}${query ? `?${query}` : ''}`} alt="" width={1} height={1} />
      </noscript>
    </>
  );
}
