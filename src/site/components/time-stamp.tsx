import { formatAbsolute, formatRelative, isoWithOffset } from '../../domain/time-format.js';
import type { SiteContext } from '../site-context.js';

/** A `<time>` with its ISO value and the time as readers read it, absolute or relative. */
export function TimeStamp({ at, site, relative = false }: { at: Date; site: SiteContext; relative?: boolean }) {
  const iso = isoWithOffset(at, site.timeZone);
  const text = relative ? formatRelative(at, site.now, site.timeZone, site.language) : formatAbsolute(at, site.timeZone, site.language);
  return (
    <time datetime={iso} title={relative ? formatAbsolute(at, site.timeZone, site.language) : undefined}>
      {text}
    </time>
  );
}
