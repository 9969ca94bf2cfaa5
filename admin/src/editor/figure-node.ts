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
    return [{ tag: 'figure', contentElement: 'figcaption' }];
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
