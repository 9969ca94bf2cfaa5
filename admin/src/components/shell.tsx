import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { atLeast, useSession } from '../session.ts';
import { Link } from './link.tsx';
import './shell.css';

interface NavItem {
  to: string;
  label: string;
  show: boolean;
}

/** The frame around every signed-in screen: skip link, the newsroom's navigation, who is signed in. */
export function Shell(props: { route: string; children: ComponentChildren }) {
  const { user, signOut } = useSession();
  const path = props.route.split('?')[0] ?? '/';
  // The day's work sits in the bar; setting the site up (used now and then) folds under "Manage", so the bar
  // keeps to one line at 1280 px even for an admin.
  const daily: NavItem[] = [
    { to: '/', label: 'Stories', show: true },
    { to: '/wire', label: 'Wire queue', show: atLeast(user, 'editor') },
    { to: '/fronts', label: 'Fronts', show: atLeast(user, 'editor') },
    { to: '/media', label: 'Media', show: true },
    { to: '/newsletters', label: 'Newsletters', show: atLeast(user, 'editor') },
    { to: '/audience', label: 'Audience', show: atLeast(user, 'editor') },
  ];
  const manage: NavItem[] = [
    { to: '/sources', label: 'Wire sources', show: atLeast(user, 'admin') },
    { to: '/sections', label: 'Sections', show: atLeast(user, 'admin') },
    { to: '/authors', label: 'Authors', show: atLeast(user, 'editor') },
    { to: '/entities', label: 'Entities', show: atLeast(user, 'editor') },
    { to: '/sponsors', label: 'Sponsors', show: atLeast(user, 'admin') },
    { to: '/users', label: 'Users', show: atLeast(user, 'admin') },
    { to: '/import', label: 'Import', show: atLeast(user, 'admin') },
    { to: '/settings', label: 'Settings', show: atLeast(user, 'admin') },
  ].filter((item) => item.show);
  // On a phone the navigation folds behind a Menu button; it folds again after each move.
  const [menuOpen, setMenuOpen] = useState(false);
  const [manageOpen, setManageOpen] = useState(false);
  const group = useRef<HTMLLIElement>(null);
  // On a phone the menu folds once a choice is made (the link's own click, tap or Enter), and on any other
  // move to another screen (back, a link in the page).
  useEffect(() => {
    setMenuOpen(false);
    setManageOpen(false);
  }, [props.route]);
  useEffect(() => {
    setMenuOpen(false);
    setManageOpen(false);
  }, [path]);
  // The Manage list closes on Escape (focus back on its button) and on a click or focus anywhere else.
  useEffect(() => {
    if (!manageOpen) return;
    const outside = (event: Event) => {
      if (!group.current?.contains(event.target as Node)) setManageOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setManageOpen(false);
      group.current?.querySelector('button')?.focus();
    };
    document.addEventListener('click', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', onKey);
    };
  }, [manageOpen]);
  const current = (to: string) => (to === '/' ? path === '/' || path === '' || path.startsWith('/stories') : path.startsWith(to));
  const here = manage.find((item) => current(item.to));
  const follow = () => {
    setMenuOpen(false);
    setManageOpen(false);
  };
  const link = (item: NavItem) => (
    <li key={item.to}>
      <Link to={item.to} current={current(item.to)} onFollow={follow}>
        {item.label}
      </Link>
    </li>
  );
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
            {daily.filter((item) => item.show).map(link)}
            {manage.length > 0 && (
              <li class={`nav-group${here ? ' nav-group-current' : ''}`} ref={group}>
                <button type="button" class="nav-more" aria-expanded={manageOpen} aria-controls="nav-manage" onClick={() => setManageOpen(!manageOpen)}>
                  Manage{here && <span class="visually-hidden">, now on {here.label}</span>}
                  <span class="nav-more-mark" aria-hidden="true" />
                </button>
                <ul id="nav-manage" class={manageOpen ? 'nav-manage-open' : undefined}>
                  {manage.map(link)}
                </ul>
              </li>
            )}
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
