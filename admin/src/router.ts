import { useEffect, useState } from 'preact/hooks';

/** The app lives under /admin; routes are the rest of the path. */
const BASE = '/admin';

export function currentRoute(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return (path || '/') + window.location.search;
}

export function href(route: string): string {
  return route === '/' ? `${BASE}/` : `${BASE}${route}`;
}

export function navigate(route: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href(route));
  else history.pushState(null, '', href(route));
  window.dispatchEvent(new Event('dateline:navigate'));
}

/** The current route, re-rendering on back/forward and on navigate(). */
export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    window.addEventListener('popstate', update);
    window.addEventListener('dateline:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('dateline:navigate', update);
    };
  }, []);
  return route;
}

/** Matches "/stories/:id" style patterns; returns the parameters or null. */
export function match(pattern: string, route: string): Record<string, string> | null {
  const path = route.split('?')[0] ?? '';
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const h = have[i] ?? '';
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(h);
    else if (w !== h) return null;
  }
  return params;
}

/** Query parameters of the current route. */
export function routeParams(route: string): URLSearchParams {
  return new URLSearchParams(route.split('?')[1] ?? '');
}
