import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminArticle, AdminLabel, AdminMedia, ArticleDraftInput } from '../../../src/newsroom/admin-api-contract.ts';
import { describeError, get } from '../api.ts';
import { displayUrl, figureCaption, MediaPicker } from '../components/media-picker.tsx';
import { ScreenTitle } from '../components/screen-title.tsx';
import { AudiencePanel } from '../editor/audience-panel.tsx';
import { AuthorsField } from '../editor/authors-field.tsx';
import { CorrectionsPanel } from '../editor/corrections-panel.tsx';
import { ConflictBanner, LockBanner, SaveIndicator } from '../editor/editor-banners.tsx';
import { EntitiesPanel } from '../editor/entities-panel.tsx';
import { LeadImageField } from '../editor/lead-image-field.tsx';
import { PreviewDialog } from '../editor/preview-dialog.tsx';
import { RevisionsPanel } from '../editor/revisions-panel.tsx';
import { RichText, type RichTextHandle } from '../editor/rich-text.tsx';
import { useAutosave } from '../editor/use-autosave.ts';
import { useEditLock } from '../editor/use-edit-lock.ts';
import { WorkflowPanel } from '../editor/workflow-panel.tsx';
import { sectionLabel, useReference } from '../reference.ts';
import { atLeast, useSession } from '../session.ts';
import './story-editor.css';

const LABELS: AdminLabel[] = ['news', 'opinion', 'analysis', 'sponsored'];

export function StoryEditor(props: { id: number }) {
  const [article, setArticle] = useState<AdminArticle | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    get<AdminArticle>(`/articles/${props.id}`).then(setArticle, (failure) => setError(describeError(failure)));
  }, [props.id]);
  if (error)
    return (
      <>
        <ScreenTitle>Story not available</ScreenTitle>
        <p class="banner error" role="alert">
          {error}
        </p>
      </>
    );
  if (!article) return <p aria-busy="true">Loading the story…</p>;
  return <EditorLoaded initial={article} />;
}

type Form = Required<{ [K in keyof ArticleDraftInput]: NonNullable<ArticleDraftInput[K]> | null }>;

function formOf(a: AdminArticle): Form {
  return {
    headline: a.headline,
    slug: a.slug,
    summary: a.summary,
    bodyHtml: a.bodyHtml,
    dateline: a.dateline,
    label: a.label,
    sponsorId: a.sponsorId,
    sectionId: a.sectionId,
    authorIds: a.authorIds,
    tags: a.tags,
    leadMediaId: a.leadMediaId,
    contributorNote: a.contributorNote,
    language: a.language,
  };
}

/** Languages a story may be in besides the site's, each named in English ("de" → German). */
const STORY_LANGUAGES = ['ar', 'da', 'de', 'en', 'en-GB', 'en-US', 'es', 'fi', 'fr', 'it', 'ja', 'nb', 'nl', 'pl', 'pt', 'pt-BR', 'ru', 'sv', 'tr', 'uk', 'zh'];
function languageName(tag: string): string {
  try {
    return `${new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag} (${tag})`;
  } catch {
    return tag;
  }
}

function EditorLoaded(props: { initial: AdminArticle }) {
  const { user, authorId } = useSession();
  const reference = useReference();
  const [article, setArticle] = useState(props.initial);
  const [form, setForm] = useState<Form>(formOf(props.initial));
  const [tagsText, setTagsText] = useState(props.initial.tags.join(', '));
  const [picker, setPicker] = useState<null | 'lead' | 'body'>(null);
  const [leadMedia, setLeadMedia] = useState<AdminMedia | null>(null);
  const body = useRef<RichTextHandle | null>(null);
  const { lock, takeOver } = useEditLock(article.id, user);
  const slugTouched = useRef(false);
  const autosave = useAutosave(props.initial, (saved) => {
    setArticle(saved);
    // Until a story first goes out, the server keeps its slug in step with the headline.
    if (!slugTouched.current) setForm((current) => ({ ...current, slug: saved.slug }));
  });
  const readOnly = lock.kind === 'theirs' || lock.kind === 'checking';

  // The lead picture's caption and thumbnail, found in the library.
  useEffect(() => {
    if (form.leadMediaId === null || leadMedia?.id === form.leadMediaId) return;
    get<AdminMedia>(`/media/${form.leadMediaId}`).then(setLeadMedia, () => setLeadMedia(null));
  }, [form.leadMediaId]);

  function change<K extends keyof Form>(field: K, value: Form[K]) {
    // Someone else holds the story: nothing typed here may be saved.
    if (readOnly) return;
    setForm((current) => ({ ...current, [field]: value }));
    autosave.change(field, value as ArticleDraftInput[K]);
  }

  /** A new copy from the server (their version, a restore, a workflow action): the form shows it. */
  function replaceWith(next: AdminArticle) {
    setArticle(next);
    setForm(formOf(next));
    setTagsText(next.tags.join(', '));
    body.current?.setHtml(next.bodyHtml);
    autosave.rebase(next);
  }

  const [previewing, setPreviewing] = useState(false);

  return (
    <div class="editor-screen">
      <ScreenTitle title={form.headline || 'Untitled story'} actions={<SaveIndicator state={autosave.state} />}>
        <span class="visually-hidden">Edit story: </span>
        {form.headline || 'Untitled story'}
      </ScreenTitle>
      <LockBanner lock={lock} canTakeOver={atLeast(user, 'editor')} onTakeOver={takeOver} />
      {autosave.state.kind === 'conflict' && (
        <ConflictBanner
          details={autosave.state.details}
          onTakeTheirs={() => {
            const theirs = (autosave.state as { details: { article: AdminArticle } }).details.article;
            autosave.takeTheirs(theirs);
            replaceWith(theirs);
          }}
          onKeepMine={(revision) => void autosave.keepMine(revision)}
        />
      )}
      {autosave.state.kind === 'error' && (
        <div class="banner error" role="alert">
          <p>Your latest changes are not saved: {autosave.state.message}</p>
          <button type="button" class="button small" onClick={() => void autosave.flush()}>
            Try saving again
          </button>
        </div>
      )}
      <div class="editor-grid">
        <div class="editor-main">
          {/* The body's own headings (h2–h4) sit under this one, so the outline stays in order. */}
          <h2 class="visually-hidden">Story text</h2>
          <div class="field">
            <label for="story-headline">Headline</label>
            <input
              id="story-headline"
              class="headline-input"
              value={form.headline ?? ''}
              readOnly={readOnly}
              onInput={(e) => change('headline', e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="story-summary">Summary</label>
            <textarea id="story-summary" rows={2} value={form.summary ?? ''} readOnly={readOnly} onInput={(e) => change('summary', e.currentTarget.value)} />
          </div>
          <div class="field">
            <span class="label" id="story-body-label">
              Body
            </span>
            <RichText
              id="story-body"
              labelledBy="story-body-label"
              html={form.bodyHtml ?? ''}
              readOnly={readOnly}
              onChange={(html) => change('bodyHtml', html)}
              onInsertImage={() => setPicker('body')}
              handle={(handle) => {
                body.current = handle;
              }}
            />
          </div>
          <div class="two-col">
            <div class="field">
              <label for="story-dateline">Dateline</label>
              <input
                id="story-dateline"
                placeholder="e.g. LAGOS"
                value={form.dateline ?? ''}
                readOnly={readOnly}
                onInput={(e) => change('dateline', e.currentTarget.value || null)}
              />
            </div>
            <div class="field">
              <label for="story-slug">Slug</label>
              <input id="story-slug" value={form.slug ?? ''} readOnly={readOnly} aria-describedby="story-path" onInput={(e) => {
                  slugTouched.current = true;
                  change('slug', e.currentTarget.value);
                }} />
              <span class="hint" id="story-path">
                Address: {article.path}
              </span>
            </div>
          </div>
          <div class="field">
            <label for="story-language">Language</label>
            <select
              id="story-language"
              value={form.language ?? ''}
              disabled={readOnly}
              aria-describedby="story-language-hint"
              onChange={(e) => change('language', e.currentTarget.value || null)}
            >
              <option value="">The site’s language</option>
              {[...new Set([...STORY_LANGUAGES, ...(form.language ? [form.language] : [])])].map((tag) => (
                <option key={tag} value={tag}>
                  {languageName(tag)}
                </option>
              ))}
            </select>
            <span class="hint" id="story-language-hint">
              A story in another language is marked so: browsers, screen readers and search engines read it right.
            </span>
          </div>
          <div class="field">
            <label for="story-note">Contributor note</label>
            <textarea
              id="story-note"
              rows={2}
              aria-describedby="story-note-hint"
              value={form.contributorNote ?? ''}
              readOnly={readOnly}
              onInput={(e) => change('contributorNote', e.currentTarget.value || null)}
            />
            <span class="hint" id="story-note-hint">
              Shown under the story, e.g. “Ada Obi is a freelance reporter based in Accra.”
            </span>
          </div>
        </div>

        <aside class="editor-side" aria-label="Story settings">
          <WorkflowPanel article={article} flush={autosave.flush} onChanged={replaceWith} />
          <p class="row">
            <button
              type="button"
              class="button ghost"
              onClick={async () => {
                await autosave.flush();
                setPreviewing(true);
              }}
            >
              Preview
            </button>
            {article.status === 'published' && (
              <a class="button ghost" href={article.path} target="_blank" rel="noopener">
                View on site<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
            )}
          </p>
          <AudiencePanel articleId={article.id} published={article.status === 'published'} />
          <EntitiesPanel articleId={article.id} />
          <section class="panel" aria-labelledby="meta-title">
            <h2 id="meta-title">Placement</h2>
            <div class="field">
              <label for="story-section">Section</label>
              <select id="story-section" disabled={readOnly} value={String(form.sectionId ?? '')} onChange={(e) => change('sectionId', Number(e.currentTarget.value))}>
                {reference.sections.map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {sectionLabel(reference.sections, s.id)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="story-label">Label</label>
              <select id="story-label" disabled={readOnly} value={form.label ?? 'news'} onChange={(e) => change('label', e.currentTarget.value as AdminLabel)}>
                {LABELS.map((l) => (
                  <option key={l} value={l}>
                    {l[0]!.toUpperCase() + l.slice(1)}
                  </option>
                ))}
              </select>
            </div>
            {form.label === 'sponsored' && (
              <div class="field">
                <label for="story-sponsor">Sponsor</label>
                <select
                  id="story-sponsor"
                  disabled={readOnly}
                  value={String(form.sponsorId ?? '')}
                  onChange={(e) => change('sponsorId', e.currentTarget.value ? Number(e.currentTarget.value) : null)}
                >
                  <option value="">Choose a sponsor…</option>
                  {reference.sponsors.map((s) => (
                    <option key={s.id} value={String(s.id)}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div class="field">
              <label for="story-tags">Tags</label>
              <input
                id="story-tags"
                aria-describedby="story-tags-hint"
                value={tagsText}
                readOnly={readOnly}
                onInput={(e) => {
                  setTagsText(e.currentTarget.value);
                  change(
                    'tags',
                    e.currentTarget.value
                      .split(',')
                      .map((t) => t.trim())
                      .filter(Boolean),
                  );
                }}
              />
              <span class="hint" id="story-tags-hint">
                Separate tags with commas.
              </span>
            </div>
          </section>
          <section class="panel" aria-label="People and pictures">
            <AuthorsField
              authors={reference.authors}
              value={form.authorIds ?? []}
              disabled={readOnly}
              // Writers sign as themselves and keep the co-authors an editor put on the story (the server checks the same).
              allowed={atLeast(user, 'editor') ? null : [...new Set([...(authorId === null ? [] : [authorId]), ...article.authorIds])]}
              unlinked={!atLeast(user, 'editor') && authorId === null}
              onChange={(ids) => change('authorIds', ids)}
            />
            <LeadImageField
              mediaId={form.leadMediaId}
              media={leadMedia}
              disabled={readOnly}
              onChoose={() => setPicker('lead')}
              onRemove={() => {
                setLeadMedia(null);
                change('leadMediaId', null);
              }}
            />
          </section>
          <CorrectionsPanel article={article} canAdd={atLeast(user, 'editor')} onChanged={replaceWith} />
          <RevisionsPanel article={article} flush={autosave.flush} onRestored={replaceWith} />
        </aside>
      </div>
      {previewing && <PreviewDialog article={article} onClose={() => setPreviewing(false)} />}
      {picker && (
        <MediaPicker
          title={picker === 'lead' ? 'Choose the lead image' : 'Insert a picture in the body'}
          onClose={() => setPicker(null)}
          onPick={(media) => {
            if (picker === 'lead') {
              setLeadMedia(media);
              change('leadMediaId', media.id);
            } else {
              body.current?.insertFigure({ src: displayUrl(media), alt: media.alt, caption: figureCaption(media), mediaId: media.id });
            }
          }}
        />
      )}
    </div>
  );
}
