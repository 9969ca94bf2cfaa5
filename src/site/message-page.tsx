import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import { Document } from './components/document.js';
import { renderPage } from './render-page.js';
import { buildSiteContext } from './site-context.js';
import type { ThemeAssets } from './theme-assets.js';

/** A short page in the site's own dress: what happened and what happens next, with at most one button. */
export interface MessagePage {
  title: string;
  paragraphs: string[];
  /** A form with one button (a POST, so prefetching mail scanners cannot press it). */
  form?: { action: string; button: string; fields?: Record<string, string> } | undefined;
  /** A subscribe form for a list, with its email field (a form page that failed validation shows it again). */
  subscribe?: { action: string; listName: string; email?: string } | undefined;
  links?: Array<{ href: string; text: string }> | undefined;
}

/**
 * Renders message pages for other edges (newsletters) without them
 * importing the site: server.ts hands them this function.
 */
export function messagePageRenderer(deps: { store: Store; config: Readonly<Config>; assets: ThemeAssets; clock: () => Date }) {
  return async (page: MessagePage): Promise<string> => {
    const site = await buildSiteContext(deps);
    return renderPage(
      <Document site={site} meta={{ title: `${page.title} | ${site.name}`, description: page.paragraphs[0] ?? page.title, path: '/newsletters', type: 'website', noindex: true }}>
        <div class="message-page">
          <h1>{page.title}</h1>
          {page.paragraphs.map((text) => (
            <p key={text}>{text}</p>
          ))}
          {page.form && (
            <form method="post" action={page.form.action}>
              {Object.entries(page.form.fields ?? {}).map(([name, value]) => (
                <input type="hidden" name={name} value={value} key={name} />
              ))}
              <button type="submit">{page.form.button}</button>
            </form>
          )}
          {page.links && (
            <ul>
              {page.links.map((link) => (
                <li key={link.href}>
                  <a href={link.href}>{link.text}</a>
                </li>
              ))}
            </ul>
          )}
          {page.subscribe && <SubscribeForm action={page.subscribe.action} listName={page.subscribe.listName} email={page.subscribe.email} />}
        </div>
      </Document>,
    );
  };
}

/**
 * The no-JavaScript subscribe form. `website` is a honeypot: hidden from
 * people (and screen readers), filled in by form-spamming bots.
 */
export function SubscribeForm({ action, listName, email, description }: { action: string; listName: string; email?: string | undefined; description?: string | undefined }) {
  const id = `subscribe-${action.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <form class="subscribe-form" method="post" action={action}>
      <p class="subscribe-title">
        <strong>{listName}</strong>
        {description ? ` — ${description}` : ''}
      </p>
      <label for={`${id}-email`}>Your email address</label>
      <input id={`${id}-email`} type="email" name="email" required autocomplete="email" value={email} />
      <div class="subscribe-trap" aria-hidden="true">
        <label for={`${id}-website`}>Leave this empty</label>
        <input id={`${id}-website`} type="text" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <button type="submit">Subscribe</button>
    </form>
  );
}
