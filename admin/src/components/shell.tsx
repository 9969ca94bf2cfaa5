import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { atLeast, useSession } from '../session.ts';
import { Link } from './link.tsx';
import './shell.css';

/** The frame around every signed-in screen: skip link, the newsroom's navigation, who is signed in. */
export function Shell(props: { route: string; children: ComponentChildren }) {
  const { user, signOut } = useSession();
  const path = props.route.split('?')[0] ?? '/';
  const items: Array<{ to: string; label: string; show: boolean }> = [
    { to: '/', label: 'Stories', show: true },
    { to: '/wire', label: 'Wire queue', show: atLeast(user, 'editor') },
    { to: '/sources', label: 'Wire sources', show: atLeast(user, 'admin') },
    { to: '/fronts', label: 'Fronts', show: atLeast(user, 'editor') },
    { to: '/media', label: 'Media', show: true },
    { to: '/sections', label: 'Sections', show: atLeast(user, 'admin') },
    { to: '/authors', label: 'Authors', show: atLeast(user, 'editor') },
    { to: '/entities', label: 'Entities', show: atLeast(user, 'editor') },
    { to: '/sponsors', label: 'Sponsors', show: atLeast(user, 'admin') },
    { to: '/users', label: 'Users', show: atLeast(user, 'admin') },
    { to: '/import', label: 'Import', show: atLeast(user, 'admin') },
    { to: '/settings', label: 'Settings', show: atLeast(user, 'admin') },
    { to: '/newsletters', label: 'Newsletters', show: atLeast(user, 'editor') },
    { to: '/audience', label: 'Audience', show: atLeast(user, 'editor') },
  ];
  // On a phone the navigation folds behind a Menu button; it folds again after each move.
  const [menuOpen, setMenuOpen] = useState(false);
  // On a phone the menu folds once a choice is made (the link's own click, tap or Enter), and on any other
  // move to another screen (back, a link in the page).
  useEffect(() => setMenuOpen(false), [props.route]);
  useEffect(() => setMenuOpen(false), [path]);
  const current = (to: string) => (to === '/' ? path === '/' || path === '' || path.startsWith('/stories') : path.startsWith(to));
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true">
            D
          </span>
          <span>
            Dateline <span class="brand-sub">Newsroom</span>
          </span>
        </div>
        <button type="button" class="nav-toggle" aria-expanded={menuOpen} aria-controls="newsroom-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav aria-label="Newsroom" id="newsroom-nav" class={menuOpen ? 'nav-open' : undefined}>
          <ul>
            {items
              .filter((item) => item.show)
              .map((item) => (
                <li key={item.to}>
                  <Link to={item.to} current={current(item.to)} onFollow={() => setMenuOpen(false)}>
                    {item.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div class="whoami">
          <Link to="/account" class="quiet-link" current={props.route.startsWith('/account')}>
            {user.name}
          </Link>
          <span class="role-badge">{user.role}</span>
          <a class="quiet-link" href="/" target="_blank" rel="noopener">
            View site
          </a>
          <button type="button" class="button ghost small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" class="content">
        {props.children}
      </main>
    </>
  );
}
