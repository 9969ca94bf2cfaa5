// Characters XML 1.0 forbids outright (stray control codes, lone surrogates); wire copy sometimes carries them,
// and in HTML they are parse errors, so they are dropped either way.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML or XML, for element content and quoted attribute values alike
 * (`&#39;` is valid in both, where `&apos;` is not HTML 4): the one escaper
 * for every place that builds markup as strings (story bodies from plain
 * text, feeds, sitemaps, mail, SVG). test/invariants/one-way.test.ts keeps
 * it the only one.
 *
 * @example escapeHtml('Fish & "chips" <b>') // 'Fish &amp; &quot;chips&quot; &lt;b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Plain paragraphs as a story body. */
export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}
