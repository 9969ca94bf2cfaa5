import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WireItem } from '../../domain/wire-item.js';
import { detectFormat, parseWireFile } from './index.js';
import type { ParseOutcome } from './parse-outcome.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/wire/${name}`, import.meta.url));
const parse = (name: string) => parseWireFile(fixture(name), { name });
const bytes = (text: string) => new TextEncoder().encode(text);

function only(outcomes: ParseOutcome[]): WireItem {
  expect(outcomes).toHaveLength(1);
  const [o] = outcomes;
  if (o?.ok !== true) throw new Error(`expected an item, got ${JSON.stringify(o)}`);
  return o.item;
}

describe('ninjs 2.x story, its update and its kill', () => {
  it('maps the first version with its picture', () => {
    const item = only(parse('pws-ninjs2-story-v1.json'));
    expect(item).toMatchObject({
      format: 'ninjs 2.2',
      uri: 'urn:pws:story:2031-harbor-ferry',
      version: '1',
      pubStatus: 'usable',
      type: 'text',
      headline: 'Port Alder council weighs new harbor ferry',
      summary: 'A second boat would cut the wait across Kessel Sound to 20 minutes.',
      byline: 'Marta Kellings, Pacific Wire Service',
      dateline: 'PORT ALDER, Wash. (PWS)',
      language: 'en-US',
      slugline: 'WA-Ferry-Harbor',
      urgency: 3,
      edNote: 'Moves first; will be updated after the council vote.',
      signals: [],
      subjects: [
        { name: 'transport', code: 'http://cv.iptc.org/newscodes/mediatopic/20000513' },
        { name: 'local government', code: 'medtop:11000000' },
      ],
    });
    // HTML wins over the plain-text alternative.
    expect(item.bodyHtml).toBe('<p>PORT ALDER, Wash. (PWS) — The city council meets Tuesday to weigh a second harbor ferry.</p><p>A vote is expected by spring.</p>');
    expect(item.versionCreated?.toISOString()).toBe('2031-03-04T15:02:00.000Z');
    expect(item.pictures).toEqual([
      {
        uri: 'urn:pws:picture:2031-harbor-ferry-1',
        caption: 'The ferry Kessel Queen docks at Port Alder on March 3, 2031.',
        credit: 'PWS Photo',
        byline: 'Lena Oduya/Pacific Wire Service',
        copyright: '(c) 2031 Pacific Wire Service',
        altText: 'A white ferry at a wooden dock under grey sky.',
        renditions: [
          { name: 'highres', href: 'https://media.pws.example/2031/ferry-1.jpg', contentType: 'image/jpeg', width: 3000, height: 2000, sizeInBytes: 1843200 },
          { name: 'thumbnail', href: 'ferry-1-thumb.jpg', contentType: 'image/jpeg', width: 300, height: 200, sizeInBytes: null },
        ],
      },
    ]);
  });

  it('reads the update, with the provider signals extension the stock schema does not know', () => {
    const item = only(parse('pws-ninjs2-story-v2.json'));
    expect(item).toMatchObject({ uri: 'urn:pws:story:2031-harbor-ferry', version: '2', signals: ['update'], headline: 'Port Alder council approves second harbor ferry' });
  });

  it('reads the kill as canceled', () => {
    const item = only(parse('pws-ninjs2-story-canceled.json'));
    expect(item).toMatchObject({ version: '3', pubStatus: 'canceled', edNote: 'KILL: story withdrawn; do not use.' });
  });

  it('reads AFP-style signal URIs and AP editorial types', () => {
    const doc = { uri: 'urn:x:1', headlines: [{ value: 'x' }], signals: [{ uri: 'http://cv.iptc.org/newscodes/signal/correction' }], editorialtypes: ['Update'] };
    expect(only(parseWireFile(bytes(JSON.stringify(doc)), { name: 'x.json' })).signals.sort()).toEqual(['correction', 'update']);
  });
});

describe('ninjs 3.x', () => {
  it('reads embargoedUntil and camelCase fields', () => {
    const item = only(parse('pws-ninjs3-embargoed.json'));
    expect(item.format).toBe('ninjs 3.1');
    expect(item.embargoedUntil?.toISOString()).toBe('2031-06-02T19:00:00.000Z');
    expect(item.edNote).toBe('EMBARGOED until 12 noon PDT June 2.');
    expect(item.bodyHtml).toBe('<p>OLYMPIA, Wash. (PWS) — The budget holds.</p>\n<p>More to come.</p>');
  });
});

describe('NewsML-G2', () => {
  it('maps a corrected text item with an XHTML body and a link to its picture', () => {
    const item = only(parse('pws-g2-text-correction.xml'));
    expect(item).toMatchObject({
      format: 'NewsML-G2 2.35',
      uri: 'urn:newsml:pws.example:20310307:wa-salmon-count',
      version: '4',
      pubStatus: 'usable',
      type: 'text',
      headline: 'Salmon return to Kessel River in record numbers',
      summary: 'State biologists counted 41,000 chinook salmon, the most since counts began.',
      byline: 'By Ana Whitfield, Pacific Wire Service',
      dateline: 'OLYMPIA, Wash. (PWS)',
      language: 'en-US',
      slugline: 'WA-Salmon-Count',
      urgency: 4,
      signals: ['correction'],
      edNote: 'Corrects the count in paragraph 2 to 41,000 fish, not 14,000.',
      subjects: [{ name: 'environment', code: 'medtop:06000000' }],
      links: [{ rel: 'irel:seeAlso', uri: 'urn:newsml:pws.example:20310307:wa-salmon-count-photo' }],
    });
    const html = item.bodyHtml ?? '';
    expect(html).toContain('<h2>Record run</h2>');
    expect(html).toContain('counted <strong>41,000</strong> chinook salmon on the <em>Kessel River</em> this spring.</p>');
    expect(html).toContain('<ul><li>Up 30% on last year</li><li>Highest since 1988</li></ul>');
    expect(html).toContain('<blockquote><p>“It is a good year,” said biologist <a href="https://fish.example/team">Rosa Imbert</a>.</p></blockquote>');
    expect(html).toContain('Fishing rules &amp; limits stay the same.<br>More counts follow in May.');
    expect(html).not.toContain('<title>');
  });

  it('maps the picture item', () => {
    const item = only(parse('pws-g2-picture.xml'));
    expect(item.type).toBe('picture');
    expect(item.pictures).toEqual([
      {
        uri: 'urn:newsml:pws.example:20310307:wa-salmon-count-photo',
        caption: 'Chinook salmon crowd the Kessel River weir near Olympia, Wash., on March 6, 2031.',
        credit: 'PWS Photo/Tomas Reyes',
        byline: 'Tomas Reyes',
        copyright: '(c) 2031 Pacific Wire Service',
        altText: 'Dozens of salmon in shallow water below a concrete weir.',
        renditions: [
          { name: 'rnd:highRes', href: 'https://media.pws.example/2031/salmon-weir.jpg', contentType: 'image/jpeg', width: 4000, height: 2667, sizeInBytes: 2211840 },
          { name: 'rnd:thumbnail', href: 'salmon-weir-thumb.jpg', contentType: 'image/jpeg', width: 320, height: 213, sizeInBytes: null },
        ],
      },
    ]);
  });

  it('reads withheld and embargoed items', () => {
    const withheld = only(parse('pws-g2-withheld.xml'));
    expect(withheld.pubStatus).toBe('withheld');
    expect(withheld.versionCreated?.toISOString()).toBe('2031-03-08T15:12:00.000Z');
    expect(withheld.bodyHtml).toBe('<p>TACOMA, Wash. (PWS) — The bridge closes for two weekends in April.</p>\n<p>Detours will be posted.</p>');
    const embargoed = only(parse('pws-g2-embargoed.xml'));
    expect(embargoed.embargoedUntil?.toISOString()).toBe('2031-03-10T15:00:00.000Z');
    expect(embargoed.signals).toEqual(['update']);
  });

  it('gives one outcome per item of a newsMessage', () => {
    const [pkg, badDate, odd, planning, ...rest] = parse('pws-g2-message.xml');
    expect(rest).toEqual([]);
    expect(pkg?.ok === true && pkg.item).toMatchObject({
      type: 'composite',
      links: [
        { rel: 'ninat:text', uri: 'urn:newsml:pws.example:20310307:wa-salmon-count' },
        { rel: 'ninat:picture', uri: 'urn:newsml:pws.example:20310307:wa-salmon-count-photo' },
      ],
    });
    expect(badDate).toEqual({
      ok: false,
      reason: 'versionCreated "2031-02-30T18:45:00Z" names day 30 of a month with 28 days',
      pointer: '/newsMessage/itemSet/newsItem[1]/itemMeta/versionCreated',
      uri: 'urn:newsml:pws.example:20310307:wa-salmon-text',
    });
    expect(odd?.ok === true && odd.item.pubStatus).toBe('withheld');
    expect(odd?.ok === true && odd.item.notes).toEqual(['pubStatus stat:withdrawn is not one of stat:usable, stat:withheld, stat:canceled; treated as withheld']);
    expect(planning).toMatchObject({ ok: 'skipped', uri: 'urn:newsml:pws.example:plan-1' });
  });
});

describe('encodings and broken files', () => {
  it('decodes Latin-1 XML that declares its encoding', () => {
    const item = only(parse('pws-g2-latin1.xml'));
    expect(item.headline).toBe('Café de José Muñoz gana premio en Señora Bay');
    expect(item.byline).toBe('Por Inés Peña Álvarez');
    expect(item.bodyHtml).toContain('«Mejor crème brûlée»');
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    expect(only(parse('pws-ninjs2-utf16.json')).headline).toBe('Ñandú sighted near Tacoma');
  });

  it('refuses invalid UTF-8 and names the byte', () => {
    expect(parse('invalid-utf8.json')).toEqual([{ ok: false, reason: expect.stringMatching(/not valid UTF-8 \(first bad byte 0xe9 at byte offset 63\)/), pointer: null }]);
  });

  it('refuses truncated JSON and XML with line and column', () => {
    expect(parse('truncated.json')[0]).toMatchObject({ ok: false, pointer: null, reason: expect.stringMatching(/^the JSON ends too early \(line 23, column \d+\)/) });
    expect(parse('truncated.xml')[0]).toMatchObject({ ok: false, pointer: null, reason: expect.stringMatching(/^the XML is not well-formed at line 16, column \d+: .*cut off/) });
  });

  it('names the JSON pointer of a schema failure', () => {
    const doc = { uri: 'urn:x:2', headlines: [{ value: 'x' }], pubstatus: 'cancelled', associations: [{ name: 'p', uri: 'u', colour: 'red' }] };
    const [o] = parseWireFile(bytes(JSON.stringify(doc)), { name: 'bad.json' });
    expect(o).toMatchObject({ ok: false, pointer: '/pubstatus', uri: 'urn:x:2' });
    expect(o?.ok === false && o.reason).toBe('not valid against the ninjs 2.2 schema: /pubstatus: must be one of "usable", "withheld", "canceled"; /associations/0/colour: property "colour" is not allowed by the ninjs schema');
  });

  it('gives one outcome per element of a JSON array, with pointers', () => {
    const list = parseWireFile(bytes(JSON.stringify([{ uri: 'a', headlines: [{ value: 'A' }] }, { headlines: [] }, 'text'])), { name: 'batch.json' });
    expect(list.map((o) => o.ok)).toEqual([true, false, false]);
    expect(list[1]).toMatchObject({ pointer: '/1', reason: expect.stringContaining('required property "uri" is missing') });
    expect(list[2]).toMatchObject({ pointer: '/2', reason: 'a ninjs item must be a JSON object, not string' });
  });

  it('says what it expected for files that are neither JSON nor XML', () => {
    expect(parseWireFile(bytes('Hello'), { name: 'story.txt', contentType: 'text/plain' })).toEqual([
      { ok: false, pointer: null, reason: 'story.txt (sent as text/plain) starts with "H": expected ninjs JSON (starting with { or [) or NewsML-G2 XML (starting with <)' },
    ]);
    expect(parseWireFile(new Uint8Array(), { name: 'empty.json' })[0]).toMatchObject({ ok: false, reason: expect.stringContaining('is empty') });
  });

  it('rejects impossible dates with the field and the reason', () => {
    const doc = { uri: 'urn:x:3', versioncreated: '2031-13-01T00:00:00Z', headlines: [{ value: 'x' }] };
    expect(parseWireFile(bytes(JSON.stringify(doc)), { name: 'd.json' })[0]).toEqual({ ok: false, pointer: '/versioncreated', uri: 'urn:x:3', reason: 'versioncreated "2031-13-01T00:00:00Z" has month 13, which does not exist' });
  });
});

describe('hostile markup passes through untouched (ingest sanitizes)', () => {
  it.each(['pws-ninjs2-xss.json', 'pws-g2-xss.xml'])('%s parses without crashing', (name) => {
    const item = only(parse(name));
    expect(item.headline).toBe('<img src=x onerror=alert(1)>');
    expect(item.summary).toBe("<script>alert('summary')</script>");
    expect(item.byline).toBe('<b onmouseover=alert(1)>Evil</b>');
    expect(item.dateline).toBe('<svg onload=alert(1)>');
    expect(item.bodyHtml).toContain('<script>alert(1)</script>');
    expect(item.bodyHtml).toContain('<a href="javascript:alert(1)">click</a>');
    expect(item.bodyHtml).toContain('<iframe src="https://evil.example/"></iframe>');
    expect(item.bodyHtml).toContain('style="background:url(javascript:alert(1))"');
  });

  it('passes HTML named references in XHTML through as HTML', () => {
    const xml = '<newsItem guid="g" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta><contentSet><inlineXML contenttype="application/xhtml+xml"><html><body><p>A&nbsp;B &amp; C</p></body></html></inlineXML></contentSet></newsItem>';
    expect(only(parseWireFile(bytes(xml), { name: 'n.xml' })).bodyHtml).toBe('<p>A&nbsp;B &amp; C</p>');
  });

  it('keeps escaped text escaped when it re-serializes XHTML', () => {
    expect(only(parse('pws-g2-xss.xml')).bodyHtml).toContain('<p title="&quot;&gt;&lt;script&gt;">x &lt;script&gt; y</p>');
  });
});

describe('detectFormat', () => {
  it('names the ninjs branch and the G2 root', () => {
    expect(detectFormat(fixture('pws-ninjs2-story-v1.json'), { name: 'a.json' })).toEqual({ format: 'ninjs', version: { major: 2, schema: '2.2', declared: '2.2' } });
    expect(detectFormat(fixture('pws-ninjs3-embargoed.json'), { name: 'a.json' })).toMatchObject({ format: 'ninjs', version: { major: 3 } });
    expect(detectFormat(bytes('{"uri":"x","headline":"h","body_text":"b"}'), { name: 'a.json' })).toMatchObject({ version: { major: 1, schema: '1.6' } });
    expect(detectFormat(fixture('pws-g2-message.xml'), { name: 'm.xml' })).toEqual({ format: 'newsml-g2', root: 'newsMessage' });
  });
});
