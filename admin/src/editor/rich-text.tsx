import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import Placeholder from '@tiptap/extension-placeholder';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Figure } from './figure-node.ts';
import { storyTables } from './story-table.ts';

export interface RichTextHandle {
  insertFigure(options: { src: string; alt: string; caption: string; mediaId: number | null }): void;
  setHtml(html: string): void;
}

interface Props {
  id: string;
  labelledBy: string;
  html: string;
  readOnly: boolean;
  onChange: (html: string) => void;
  onInsertImage: () => void;
  handle: (handle: RichTextHandle) => void;
}

/** The story body: TipTap (ProseMirror) with paragraphs, headings, quotes, lists, links, captioned pictures and agency tables. */
export function RichText(props: Props) {
  const mount = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const [, setTick] = useState(0);

  useEffect(() => {
    const editor = new Editor({
      element: mount.current!,
      content: props.html,
      editable: !props.readOnly,
      extensions: [
        StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false, autolink: true, protocols: ['mailto'] }, code: false, codeBlock: false }),
        Image.configure({ inline: false }),
        Figure,
        ...storyTables,
        Placeholder.configure({ placeholder: 'Write the story…' }),
      ],
      editorProps: {
        attributes: {
          id: props.id,
          class: 'prose-editor',
          'aria-labelledby': props.labelledBy,
          'aria-label': 'Story body',
          'aria-multiline': 'true',
          role: 'textbox',
        },
      },
      onUpdate: ({ editor: e }) => onChange.current(e.getHTML()),
      onTransaction: () => setTick((t) => t + 1),
    });
    editorRef.current = editor;
    props.handle({
      insertFigure: (options) => editor.chain().focus().insertFigure(options).run(),
      setHtml: (html) => editor.commands.setContent(html, { emitUpdate: false }),
    });
    return () => editor.destroy();
  }, []);

  useEffect(() => {
    editorRef.current?.setEditable(!props.readOnly, false);
  }, [props.readOnly]);

  const editor = editorRef.current;
  const button = (label: string, text: string, active: boolean | undefined, run: () => void, shortcut?: string) => (
    <button
      type="button"
      class={`tool${active ? ' active' : ''}`}
      aria-label={label}
      aria-pressed={active === undefined ? undefined : active}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={!editor || props.readOnly}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  const chain = () => editor!.chain().focus();

  function editLink() {
    if (!editor) return;
    const previous = (editor.getAttributes('link').href as string | undefined) ?? '';
    const url = window.prompt('Link address (leave empty to remove the link)', previous);
    if (url === null) return;
    if (url.trim() === '') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: url.trim() }).run();
  }

  return (
    <div class="rich-text">
      {/* biome-ignore lint/a11y/useSemanticElements: a row of buttons named as a group; a fieldset would draw a form border and legend */}
      <div class="toolbar" role="group" aria-label="Formatting">
        {button('Bold', 'B', editor?.isActive('bold'), () => chain().toggleBold().run(), 'Ctrl+B')}
        {button('Italic', 'I', editor?.isActive('italic'), () => chain().toggleItalic().run(), 'Ctrl+I')}
        <span class="tool-sep" aria-hidden="true" />
        {button('Heading', 'H2', editor?.isActive('heading', { level: 2 }), () => chain().toggleHeading({ level: 2 }).run())}
        {button('Subheading', 'H3', editor?.isActive('heading', { level: 3 }), () => chain().toggleHeading({ level: 3 }).run())}
        {button('Quote', '“ ”', editor?.isActive('blockquote'), () => chain().toggleBlockquote().run())}
        {button('Bulleted list', '• List', editor?.isActive('bulletList'), () => chain().toggleBulletList().run())}
        {button('Numbered list', '1. List', editor?.isActive('orderedList'), () => chain().toggleOrderedList().run())}
        <span class="tool-sep" aria-hidden="true" />
        {button('Link', 'Link', editor?.isActive('link'), editLink)}
        {button('Insert image', 'Image', undefined, props.onInsertImage)}
        <span class="tool-sep" aria-hidden="true" />
        {button('Undo', '↶', undefined, () => chain().undo().run(), 'Ctrl+Z')}
        {button('Redo', '↷', undefined, () => chain().redo().run(), 'Ctrl+Shift+Z')}
      </div>
      <div ref={mount} class="rich-text-mount" />
    </div>
  );
}
