import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IPTC, XMP } from '../../test/fixtures/media/make-iptc-photo.js';
import { fieldsFromFacts, holderOfCopyright, NO_FACTS, readPhotoMetadata } from './photo-metadata.js';

const FIXTURE = new URL('../../test/fixtures/media/iptc-xmp-photo.jpg', import.meta.url);

describe('readPhotoMetadata', () => {
  it('reads IPTC IIM and XMP, XMP winning where both speak', async () => {
    const facts = readPhotoMetadata(await readFile(FIXTURE));
    expect(facts).toEqual({
      caption: XMP.description,
      headline: IPTC.headline,
      creator: IPTC.byline,
      credit: IPTC.credit,
      copyright: IPTC.copyright,
      source: IPTC.source,
      alt: XMP.alt,
    });
  });

  it('reads IPTC alone', async () => {
    // The fixture without its XMP: sharp re-encodes and keeps nothing, so build a JPEG with only an APP13.
    const bytes = await readFile(FIXTURE);
    const app13 = bytes.indexOf(Buffer.from([0xff, 0xed]));
    const length = bytes.readUInt16BE(app13 + 2);
    const plain = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#345' } }).jpeg().toBuffer();
    const onlyIptc = Buffer.concat([plain.subarray(0, 2), bytes.subarray(app13, app13 + 2 + length), plain.subarray(2)]);
    expect(readPhotoMetadata(onlyIptc)).toMatchObject({ caption: IPTC.caption, credit: IPTC.credit, source: IPTC.source, alt: '' });
  });

  it('gives nothing for a file without metadata or with garbage, never throws', async () => {
    const plain = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#345' } }).jpeg().toBuffer();
    expect(readPhotoMetadata(plain)).toEqual(NO_FACTS);
    expect(readPhotoMetadata(Buffer.from('not a picture at all'))).toEqual(NO_FACTS);
    // A hostile caption: control characters and a script tag stay text (escaped on the way out, like any caption).
    const hostile = Buffer.concat([plain.subarray(0, 2), app13With(`<script>alert(1)</script>\u0000\u0007 caption`), plain.subarray(2)]);
    expect(readPhotoMetadata(hostile).caption).toBe('<script>alert(1)</script> caption');
  });
});

function app13With(caption: string): Buffer {
  const value = Buffer.from(caption, 'utf8');
  const iim = Buffer.concat([Buffer.from([0x1c, 1, 90, 0, 3, 0x1b, 0x25, 0x47]), Buffer.from([0x1c, 2, 120, value.length >> 8, value.length & 0xff]), value]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iim.length);
  const padded = iim.length % 2 ? Buffer.concat([iim, Buffer.from([0])]) : iim;
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\u0000', 'latin1'), Buffer.from('8BIM'), Buffer.from([4, 4, 0, 0]), size, padded]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xed]), length, payload]);
}

describe('fieldsFromFacts', () => {
  it('fills credit from the credit line, then the copyright holder, then the photographer, and names no one twice', () => {
    expect(fieldsFromFacts({ ...NO_FACTS, credit: 'Mara Lindqvist', creator: 'Mara Lindqvist', source: 'Harbour Photo Agency' })).toMatchObject({
      credit: 'Mara Lindqvist',
      source: 'Harbour Photo Agency',
    });
    expect(fieldsFromFacts({ ...NO_FACTS, copyright: '© 2026 Coast Wire. All rights reserved.', creator: 'Ana Ruiz', source: 'Coast Wire' })).toMatchObject({
      credit: 'Coast Wire',
      source: 'Ana Ruiz',
    });
    expect(fieldsFromFacts({ ...NO_FACTS, creator: 'Ana Ruiz' })).toMatchObject({ credit: 'Ana Ruiz', source: '' });
    expect(fieldsFromFacts({ ...NO_FACTS, headline: 'Buoy at dawn' }).caption).toBe('Buoy at dawn');
  });

  it('turns a copyright notice into a name', () => {
    expect(holderOfCopyright('© 2026 Mara Lindqvist')).toBe('Mara Lindqvist');
    expect(holderOfCopyright('Copyright 2019-2024 Coast Wire, all rights reserved.')).toBe('Coast Wire');
    expect(holderOfCopyright('(c) Harbour Photo Agency')).toBe('Harbour Photo Agency');
  });
});
