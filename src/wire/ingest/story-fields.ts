import { datelineOf } from '../../domain/dateline.js';
import { textOfHtml } from '../../domain/excerpt.js';
import { escapeHtml } from '../../domain/html-text.js';
import type { Section } from '../../domain/section.js';
import type { WireItem } from '../../domain/wire-item.js';
import { sanitizeBody } from '../sanitize-body.js';
import type { WireSourceRules } from '../wire-source-rules.js';
import type { SectionIndex } from './section-index.js';

/** An item that the rules cannot place or that lacks what a story needs: it goes to quarantine. */
export class WireItemProblem extends Error {
  constructor(
    message: string,
    readonly pointer: string | null = null,
  ) {
    super(message);
    this.name = 'WireItemProblem';
  }
}

/** What a text item becomes on the site, before the store decides create or update. */
export interface StoryFields {
  headline: string;
  summary: string;
  bodyHtml: string;
  dateline: string | null;
  section: Section;
  tagNames: string[];
}

export interface PlacementOptions {
  /** `--section SLUG`: every story goes there, whatever the rules say. */
  sectionSlug?: string | undefined;
}

/** Turns a text item into story fields: sanitized body opening with the dateline, section and tags by the rules. */
export function storyFields(item: WireItem, rules: WireSourceRules, sections: SectionIndex, options: PlacementOptions = {}): StoryFields {
  const headline = cleanText(item.headline);
  if (!headline) throw new WireItemProblem('the item has no headline, and a story needs one', null);
  const dateline = cleanText(item.dateline) || null;
  return {
    headline,
    summary: cleanText(item.summary),
    bodyHtml: openWithDateline(sanitizeBody(item.bodyHtml ?? ''), dateline),
    dateline,
    section: placeStory(item, rules, sections, options),
    tagNames: rules.tagsFromSubjects ? uniqueNames(item.subjects.map((s) => s.name)) : [],
  };
}

/**
 * Where a story goes: `--section`, then the rules' subject and slugline
 * maps, then a subject named like a section, then the source's default
 * section, then News, then the first section.
 */
export function placeStory(item: WireItem, rules: WireSourceRules, sections: SectionIndex, options: PlacementOptions = {}): Section {
  const named = (slug: string, why: string): Section => {
    const section = sections.bySlug.get(slug);
    if (!section) {
      throw new WireItemProblem(`${why} names section "${slug}", which does not exist; create it or change the rules`, null);
    }
    return section;
  };
  if (options.sectionSlug) return named(options.sectionSlug, '--section');
  for (const subject of item.subjects) {
    for (const key of [subject.name, subject.code]) {
      const slug = key ? rules.subjectSections[key.toLowerCase()] : undefined;
      if (slug) return named(slug, `the rule for subject "${key}"`);
    }
  }
  const slugline = item.slugline?.toLowerCase();
  if (slugline) {
    for (const [prefix, slug] of Object.entries(rules.sluglineSections)) {
      if (slugline.startsWith(prefix)) return named(slug, `the rule for slugline "${prefix}"`);
    }
  }
  for (const subject of item.subjects) {
    const name = subject.name?.trim().toLowerCase();
    const match = name ? (sections.byName.get(name) ?? sections.bySlug.get(name)) : undefined;
    if (match) return match;
  }
  const fallback = sections.bySlug.get(rules.defaultSection);
  if (fallback) return fallback;
  if (rules.defaultSection !== 'news') return named(rules.defaultSection, `the source's defaultSection`);
  const last = sections.bySlug.get('news') ?? sections.first;
  if (!last) throw new WireItemProblem('the site has no sections yet; create one before ingesting', null);
  return last;
}

/** Wire copy opens with its dateline; an agency that sent it apart gets it put back in front of the first paragraph. */
function openWithDateline(bodyHtml: string, dateline: string | null): string {
  if (!dateline) return bodyHtml;
  const match = /^<p>([\s\S]*?)<\/p>/.exec(bodyHtml);
  if (!match) return bodyHtml === '' ? '' : `<p>${escapeHtml(dateline)} —</p>${bodyHtml}`;
  const firstText = textOfHtml(match[1] as string).trimStart();
  if (firstText.startsWith(dateline) || datelineOf(firstText)) return bodyHtml;
  return `<p>${escapeHtml(dateline)} — ${bodyHtml.slice(3)}`;
}

function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

function uniqueNames(names: Array<string | null>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = cleanText(raw);
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}
