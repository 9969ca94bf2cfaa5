import type { AnyExtension } from '@tiptap/core';
import { Table, TableKit } from '@tiptap/extension-table';

/**
 * A table whose <caption> survives the editor. ProseMirror's table holds
 * only rows, so the caption is kept as an attribute and written back as the
 * table's first child; ignored as content, its text never becomes a row.
 */
const CaptionedTable = Table.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      caption: {
        default: null,
        parseHTML: (el: HTMLElement) => el.querySelector(':scope > caption')?.textContent?.replace(/\s+/g, ' ').trim() || null,
        renderHTML: () => ({}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'table' }, { tag: 'caption', ignore: true }];
  },
  renderHTML(props) {
    const rendered = this.parent?.(props) as unknown as [string, Record<string, unknown>, ...unknown[]];
    const caption = props.node.attrs.caption as string | null;
    if (!caption || rendered[0] !== 'table') return rendered;
    const [tag, attrs, ...children] = rendered;
    // Kept, not edited here: typed into, it would be text outside the document ProseMirror keeps.
    return [tag, attrs, ['caption', { contenteditable: 'false' }, caption], ...children];
  },
});

/**
 * Tables as agencies send them (results, schedules, polls), kept when an
 * editor opens and saves a wire story, their cells edited in place. The
 * server's allow-list (src/domain/story-html-policy.ts) keeps the same tags.
 * No column resizing and no node view (the view would not draw the
 * caption): the reader page sizes tables itself.
 */
export const storyTables: AnyExtension[] = [TableKit.configure({ table: false }), CaptionedTable.configure({ resizable: false, renderWrapper: false, View: null })];
