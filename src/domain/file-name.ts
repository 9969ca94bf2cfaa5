/**
 * The name as the uploader's computer had it, without folders or control
 * characters, for the media library's list: shared by uploads in the
 * newsroom and pictures the importers bring in.
 *
 * @example cleanFileName('C:\\Users\\ana\\harbor.jpg') // 'harbor.jpg'
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'picture';
}
