// Characters XML 1.0 forbids outright; wire copy sometimes carries them (stray control codes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text with the characters XML cannot hold removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text for an XML element or attribute value. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/**
 * HTML for a CDATA section. `]]>` would end the section early; in HTML
 * `]]&gt;` means the same, so the markup survives intact.
 */
export function cdataSafeHtml(html: string): string {
  return xmlSafe(html).replaceAll(']]>', ']]&gt;');
}
