// Parse throughput of src/wire/formats: 10,000 small generated items per format,
// each its own file (bytes → outcomes), as ingest sees them. Run: npx tsx bench/wire-formats-throughput.ts
import { parseWireFile } from '../src/wire/formats/index.js';

const COUNT = 10_000;
const encoder = new TextEncoder();

function ninjs(i: number, major: 2 | 3): Uint8Array {
  const t = new Date(Date.UTC(2031, 0, 1) + i * 60_000).toISOString();
  const k = major === 3 ? { vc: 'versionCreated', ps: 'pubStatus', ct: 'contentType' } : { vc: 'versioncreated', ps: 'pubstatus', ct: 'contenttype' };
  const doc = {
    uri: `urn:pws:bench:${i}`,
    type: 'text',
    version: String(1 + (i % 3)),
    [k.vc]: t,
    [k.ps]: 'usable',
    urgency: 1 + (i % 9),
    headlines: [{ role: 'main', value: `Council weighs ferry plan, item ${i}` }],
    descriptions: [{ role: 'summary', value: 'A second boat would cut the wait to 20 minutes.' }],
    bodies: [{ [k.ct]: 'text/html', value: `<p>PORT ALDER, Wash. (PWS) — Paragraph one of item ${i}.</p><p>Paragraph two.</p><p>Paragraph three.</p>` }],
    by: 'Marta Kellings',
    located: 'PORT ALDER, Wash. (PWS)',
    subjects: [{ name: 'transport', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000513' }],
    associations: [{ name: 'photo', uri: `urn:pws:pic:${i}`, type: 'picture', descriptions: [{ role: 'caption', value: 'A ferry.' }], renditions: [{ name: 'highres', href: `https://media.example/${i}.jpg`, width: 3000, height: 2000 }] }],
  };
  return encoder.encode(JSON.stringify(doc));
}

function g2(i: number): Uint8Array {
  const t = new Date(Date.UTC(2031, 0, 1) + i * 60_000).toISOString();
  return encoder.encode(`<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:pws:g2:${i}" version="1" standard="NewsML-G2" standardversion="2.35">
 <itemMeta><itemClass qcode="ninat:text"/><versionCreated>${t}</versionCreated><pubStatus qcode="stat:usable"/><signal qcode="sig:update"/></itemMeta>
 <contentMeta><urgency>3</urgency><headline>Council weighs ferry plan, item ${i}</headline><by>Marta Kellings</by><dateline>PORT ALDER, Wash. (PWS)</dateline>
  <subject qcode="medtop:20000513"><name>transport</name></subject></contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>PORT ALDER, Wash. (PWS) — Paragraph one of item ${i}.</p><p>Paragraph <em>two</em>.</p><p>Paragraph three.</p></body></html></inlineXML></contentSet>
</newsItem>`);
}

function run(label: string, make: (i: number) => Uint8Array): void {
  const files = Array.from({ length: COUNT }, (_, i) => make(i));
  parseWireFile(files[0]!, { name: 'warm-up' }); // compiles the schema once, outside the timing
  const start = performance.now();
  let ok = 0;
  for (const [i, file] of files.entries()) for (const o of parseWireFile(file, { name: `${i}` })) if (o.ok === true) ok += 1;
  const ms = performance.now() - start;
  const bytes = files.reduce((n, f) => n + f.length, 0);
  console.log(`${label}: ${COUNT} items (${(bytes / COUNT).toFixed(0)} bytes each) in ${ms.toFixed(0)} ms → ${Math.round((COUNT / ms) * 1000).toLocaleString('en-US')} items/s (${ok} ok)`);
}

const compileStart = performance.now();
parseWireFile(ninjs(0, 2), { name: 'compile' });
console.log(`first ninjs 2.2 parse incl. schema compile: ${(performance.now() - compileStart).toFixed(0)} ms`);
run('ninjs 2.2', (i) => ninjs(i, 2));
run('ninjs 3.1', (i) => ninjs(i, 3));
run('NewsML-G2', g2);
