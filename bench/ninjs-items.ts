import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const PLACES = ['PORT ALDER, Wash. (PWS)', 'OLYMPIA, Wash. (PWS)', 'CEDAR FALLS, Ore. (PWS)', 'KESSEL SOUND, Wash. (PWS)'];
const SUBJECTS = [
  ['politics', 'medtop:11000000'],
  ['sports', 'medtop:15000000'],
  ['transport', 'medtop:20000513'],
  ['weather', 'medtop:17000000'],
  ['education', 'medtop:05000000'],
] as const;
const WORDS = 'council ferry harbor budget vote school levy storm library transit shoreline permit hearing district crew season'.split(' ');

/** One generated ninjs 2.2 text item of the fictional Pacific Wire Service, with an HTML body to sanitize (no pictures). */
export function ninjsItem(n: number, version = 1): Record<string, unknown> {
  const word = (k: number) => WORDS[(n * 7 + k * 3) % WORDS.length];
  const place = PLACES[n % PLACES.length] as string;
  const subject = SUBJECTS[n % SUBJECTS.length] as readonly [string, string];
  const at = new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString();
  const paragraphs = Array.from(
    { length: 6 },
    (_, p) =>
      `<p${p === 0 ? ' class="lead"' : ''}>${p === 0 ? `${place} — ` : ''}Officials said the ${word(p)} plan for the ${word(p + 1)} would be <a href="https://pws.example/${n}/${p}" target="_blank">reviewed</a> on <em>Tuesday</em>, and residents asked about the ${word(p + 2)} and the ${word(p + 3)} at a meeting that ran late.</p>`,
  );
  return {
    uri: `urn:pws:bench:${n}`,
    type: 'text',
    version: String(version),
    firstcreated: at,
    versioncreated: at,
    pubstatus: 'usable',
    urgency: 4,
    language: 'en',
    slugline: `WA-${word(0)}-${n}`,
    located: place,
    by: 'Pacific Wire Service',
    headlines: [{ role: 'main', value: `Story ${n}: ${word(0)} ${word(1)} plan draws ${word(2)} questions` }],
    descriptions: [{ role: 'summary', value: `The ${word(0)} plan would change the ${word(1)} for thousands of residents.` }],
    bodies: [{ contenttype: 'text/html', value: paragraphs.join('') }],
    subjects: [{ name: subject[0], uri: `http://cv.iptc.org/newscodes/mediatopic/${subject[1].slice(7)}` }],
  };
}

/** Writes `count` items, one file each, into `dir` (created). Returns the file paths. */
export async function writeNinjsItems(dir: string, count: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const file = path.join(dir, `pws-${String(n).padStart(6, '0')}.json`);
    await writeFile(file, JSON.stringify(ninjsItem(n)));
    files.push(file);
  }
  return files;
}
