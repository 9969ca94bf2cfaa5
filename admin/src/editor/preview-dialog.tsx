import { useEffect, useRef, useState } from 'preact/hooks';
import type { AdminArticle, PreviewLink, PreviewLinkCreated, PreviewLinkInput, PreviewLinkList } from '../../../src/newsroom/admin-api-contract.ts';
import { del, describeError, get, post, query } from '../api.ts';
import { Time } from '../format.tsx';
import { atLeast, useSession } from '../session.ts';
import './preview-dialog.css';

type Width = 'desktop' | 'phone';

/**
 * The story as a reader will see it: the reader site's own page for this story, from the last saved copy,
 * at desktop width or a phone's (390 px). Writers and up can share it with someone outside the newsroom
 * through a link that expires. Published stories also have "View on site" for the real page.
 */
export function PreviewDialog(props: { article: AdminArticle; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  const { user } = useSession();
  const { article } = props;
  const [width, setWidth] = useState<Width>('desktop');
  const [external, setExternal] = useState(0);
  const [withExternal, setWithExternal] = useState(false);
  useEffect(() => setExternal(externalPictures(article.bodyHtml)), [article.bodyHtml]);
  const src = `/admin/api/articles/${article.id}/preview${query({ images: withExternal ? 'external' : undefined, revision: article.revision })}`;

  return (
    <dialog ref={dialog} class="picker preview" aria-labelledby="preview-title" onClose={props.onClose}>
      <div class="picker-head">
        <h2 id="preview-title">Preview</h2>
        <div class="row">
          <fieldset class="segmented">
            <legend class="visually-hidden">Width</legend>
            {(['desktop', 'phone'] as const).map((w) => (
              <label key={w} class={width === w ? 'selected' : undefined}>
                <input type="radio" name="preview-width" value={w} checked={width === w} onChange={() => setWidth(w)} />
                {w === 'desktop' ? 'Desktop' : 'Phone'}
              </label>
            ))}
          </fieldset>
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
      {external > 0 && !withExternal && (
        <p class="banner" role="note">
          {external === 1 ? 'One picture in this story comes' : `${external} pictures in this story come`} from other sites and{' '}
          {external === 1 ? 'is' : 'are'} not loaded here, so those sites do not learn who is editing.{' '}
          <button type="button" class="button ghost small" onClick={() => setWithExternal(true)}>
            Show {external === 1 ? 'it' : 'them'}
          </button>
        </p>
      )}
      {atLeast(user, 'writer') && <ShareLinks articleId={article.id} />}
      <div class={`preview-stage preview-${width}`}>
        <iframe
          src={src}
          title={`Preview of “${article.headline}” at ${width === 'phone' ? 'phone' : 'desktop'} width`}
          // The page runs no script (its own policy says so); the frame may not either.
          sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          width={width === 'phone' ? 390 : undefined}
        />
      </div>
    </dialog>
  );
}

const EXPIRY: Array<{ hours: number; label: string }> = [
  { hours: 24, label: '24 hours' },
  { hours: 168, label: '7 days' },
];

/** Shareable links: make one (24 hours or 7 days), copy it, see the ones that still work, revoke any. */
function ShareLinks(props: { articleId: number }) {
  const [links, setLinks] = useState<PreviewLink[]>([]);
  const [hours, setHours] = useState(24);
  const [made, setMade] = useState<{ url: string; expiresAt: string } | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const reload = () =>
    get<PreviewLinkList>(`/articles/${props.articleId}/preview-links`).then(
      (answer) => setLinks(answer.items),
      (failure) => setError(describeError(failure)),
    );
  useEffect(() => void reload(), [props.articleId]);

  async function make(event: Event) {
    event.preventDefault();
    setError('');
    setMessage('');
    try {
      const link = await post<PreviewLinkCreated>(`/articles/${props.articleId}/preview-links`, { expiresInHours: hours } satisfies PreviewLinkInput);
      setMade({ url: `${location.origin}${link.path}`, expiresAt: link.expiresAt });
      await reload();
      requestAnimationFrame(() => input.current?.select());
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  async function copy() {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setMessage('Link copied.');
    } catch {
      input.current?.select();
      setMessage('Select the link and copy it.');
    }
  }

  async function revoke(link: PreviewLink) {
    try {
      await del(`/articles/${props.articleId}/preview-links/${link.id}`);
      if (made && made.expiresAt === link.expiresAt) setMade(null);
      setMessage('Link revoked: it no longer opens.');
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <details class="share-links">
      <summary>Share a preview link{links.length > 0 ? ` (${links.length} working)` : ''}</summary>
      <form class="row" onSubmit={make}>
        <label for="share-expiry">Link works for</label>
        <select id="share-expiry" value={String(hours)} onChange={(e) => setHours(Number(e.currentTarget.value))}>
          {EXPIRY.map((e) => (
            <option key={e.hours} value={String(e.hours)}>
              {e.label}
            </option>
          ))}
        </select>
        <button type="submit" class="button small">
          Make link
        </button>
      </form>
      <p class="hint">Anyone with the link can read this story as it stands, without signing in, until it expires. Search engines are told to keep out.</p>
      {error && (
        <p class="banner error" role="alert">
          {error}
        </p>
      )}
      {made && (
        <div class="input-with-button">
          <label for="share-url" class="visually-hidden">
            Preview link
          </label>
          <input id="share-url" ref={input} readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" class="button small" onClick={() => void copy()}>
            Copy
          </button>
        </div>
      )}
      <div aria-live="polite">{message && <p class="muted">{message}</p>}</div>
      {links.length > 0 && (
        <ul class="share-list">
          {links.map((link) => (
            <li key={link.id}>
              <span>
                Made <Time at={link.createdAt} />
                {link.createdBy && <> by {link.createdBy}</>}, works until <Time at={link.expiresAt} />
              </span>
              <button type="button" class="button ghost small" onClick={() => void revoke(link)}>
                Revoke<span class="visually-hidden"> the link made <Time at={link.createdAt} /></span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** Pictures in the body that would be fetched from another site (the newsroom's CSP keeps them from loading). */
function externalPictures(html: string): number {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('img[src]')].filter((img) => new URL(img.getAttribute('src') ?? '', location.href).origin !== location.origin).length;
}
