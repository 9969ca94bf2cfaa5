import { mergeAttributes, Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** Inserts a picture from the media library with its caption (editable in place). */
      insertFigure: (options: { src: string; alt: string; caption: string; mediaId: number | null }) => ReturnType;
    };
  }
}

/**
 * Where a figure's caption is. Agencies send figures without <figcaption>
 * (nothing, or the caption in a <p> or <span>): ProseMirror would find no
 * content element and fail to open the story. Then the caption is the
 * figure's own text apart from the picture, in a figcaption made for it.
 */
function captionOf(el: HTMLElement): HTMLElement {
  const caption = el.querySelector('figcaption');
  if (caption) return caption;
  const made = el.ownerDocument.createElement('figcaption');
  const text = [...el.childNodes]
    .filter((child) => !(child instanceof Element && child.matches('img, picture')))
    .map((child) => child.textContent ?? '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  made.textContent = text;
  return made;
}

/**
 * A picture with a caption: `<figure data-media-id><img src alt><figcaption>…</figcaption></figure>`.
 * The caption is the node's inline content, so it is edited in place like any text;
 * the picture itself is an attribute and cannot be half-deleted.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  marks: 'italic bold link',
  draggable: true,
  isolating: true,

  addAttributes() {
    return {
      src: { default: null, parseHTML: (el) => el.querySelector('img')?.getAttribute('src') ?? null },
      alt: { default: '', parseHTML: (el) => el.querySelector('img')?.getAttribute('alt') ?? '' },
      mediaId: {
        default: null,
        parseHTML: (el) => {
          const id = Number(el.getAttribute('data-media-id'));
          return Number.isInteger(id) && id > 0 ? id : null;
        },
      },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        // Only a figure with a picture is this node; any other (a quote, a table, an embed agencies wrap in
        // <figure>) is left to the other rules, so its content is kept as ordinary blocks.
        getAttrs: (el) => (el.querySelector('img') ? null : false),
        contentElement: captionOf,
      },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { src, alt, mediaId } = node.attrs as { src: string | null; alt: string; mediaId: number | null };
    const attrs = mergeAttributes(HTMLAttributes, mediaId ? { 'data-media-id': String(mediaId) } : {});
    delete attrs.src;
    delete attrs.alt;
    delete attrs.mediaId;
    return ['figure', attrs, ['img', { src, alt }], ['figcaption', 0]];
  },

  addCommands() {
    return {
      insertFigure:
        ({ src, alt, caption, mediaId }) =>
        ({ commands }) =>
          commands.insertContent({
            type: this.name,
            attrs: { src, alt, mediaId },
            content: caption ? [{ type: 'text', text: caption }] : [],
          }),
    };
  },
});
