import { useEffect, useRef } from 'preact/hooks';
import type { AdminArticle, AdminMedia } from '../../../src/newsroom/admin-api-contract.ts';
import { displayUrl } from '../components/media-picker.tsx';
import { formatTime } from '../format.tsx';
import { type Reference, sectionLabel } from '../reference.ts';

/**
 * The story as a reader will see it, from the last saved copy (the server's sanitized body).
 * Published stories also have "View on site" for the real page.
 */
export function PreviewDialog(props: { article: AdminArticle; lead: AdminMedia | null; reference: Reference; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const { article, lead, reference } = props;
  const external = externalPictures(article.bodyHtml);
  const authors = article.authorIds.map((id) => reference.authors.find((a) => a.id === id)?.name ?? `Author ${id}`);
  return (
    <dialog ref={dialog} class="picker preview" aria-labelledby="preview-title" onClose={props.onClose}>
      <div class="picker-head">
        <h2 id="preview-title">Preview</h2>
        <div class="row">
          {article.status === 'published' && (
            <a class="button ghost small" href={article.path} target="_blank" rel="noopener">
              View on site<span class="visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
          <button type="button" class="button ghost small" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </div>
      {external > 0 && (
        <p class="banner" role="note">
          {external === 1 ? 'One picture in this story comes' : `${external} pictures in this story come`} from other sites and{' '}
          {external === 1 ? 'is' : 'are'} not loaded here, so those sites do not learn who is editing.{' '}
          <a href={`/admin/api/articles/${article.id}/preview?images=external`} target="_blank" rel="noopener noreferrer">
            Open the preview with them<span class="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      )}
      <article class="reader">
        <p class="reader-kicker">
          {sectionLabel(reference.sections, article.sectionId)}
          {article.label !== 'news' && <span class="reader-label"> · {article.label}</span>}
        </p>
        <p class="reader-headline">{article.headline}</p>
        {article.summary && <p class="reader-summary">{article.summary}</p>}
        <p class="reader-byline">
          {authors.length > 0 && <>By {authors.join(' and ')} · </>}
          {article.publishedAt ? formatTime(article.publishedAt) : 'Not published yet'}
        </p>
        {lead && (
          <figure class="reader-figure">
            <img src={displayUrl(lead)} alt={lead.alt} />
            <figcaption>
              {lead.caption} {lead.credit && <span class="muted">Credit: {lead.credit}</span>}
            </figcaption>
          </figure>
        )}
        <div class="reader-body">
          {article.dateline && <strong>{article.dateline} — </strong>}
          {/* The server sanitized this HTML when it was saved (allow-list in src/newsroom/articles). */}
          <div dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        </div>
        {article.contributorNote && <p class="reader-note">{article.contributorNote}</p>}
        {article.corrections.map((c) => (
          <p key={c.id} class="reader-correction">
            <strong>{c.kind === 'correction' ? 'Correction:' : 'Update:'}</strong> {c.text} <span class="muted">({formatTime(c.at)})</span>
          </p>
        ))}
      </article>
    </dialog>
  );
}

/** Pictures in the body that would be fetched from another site (the newsroom's CSP keeps them from loading). */
function externalPictures(html: string): number {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('img[src]')].filter((img) => new URL(img.getAttribute('src') ?? '', location.href).origin !== location.origin).length;
}
