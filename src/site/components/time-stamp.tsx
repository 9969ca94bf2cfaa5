import { formatAbsolute, formatRelative, isoWithOffset } from '../../domain/time-format.js';
import type { SiteContext } from '../site-context.js';

/** A `<time>` with its ISO value and the time as readers read it, absolute or relative. */
export function TimeStamp({
  at,
  site,
  relative = false,
  relativeText,
}: {
  at: Date;
  site: SiteContext;
  relative?: boolean;
  /** The relative wording, when the caller worked it out (see teaserItemHtml). */
  relativeText?: string | undefined;
}) {
  const iso = isoWithOffset(at, site.timeZone);
  const text = relative ? (relativeText ?? formatRelative(at, site.now, site.timeZone, site.language)) : formatAbsolute(at, site.timeZone, site.language);
  return (
    <time datetime={iso} title={relative ? formatAbsolute(at, site.timeZone, site.language) : undefined}>
      {text}
    </time>
  );
}

/**
 * A story's times as one meta line: the first publication and, when it was
 * updated, "Updated …". Each item is unbreakable and keeps its separator, so
 * a narrow screen never leaves "· Updated" or a bare time on a line alone.
 */
export function StoryTimes({ published, updated, site }: { published: Date; updated?: Date | null | undefined; site: SiteContext }) {
  return (
    <p class="story-times meta-line">
      <span class="meta-item">
        <TimeStamp at={published} site={site} />
      </span>
      {updated && (
        <span class="meta-item story-updated">
          Updated <TimeStamp at={updated} site={site} />
        </span>
      )}
    </p>
  );
}
