// Zips made by hand for restore's tests: each entry's bytes exactly as given (already deflated or not)
// and its sizes as declared, true or not, so a test can build what no zip library would write.
import { crc32, deflateRawSync } from 'node:zlib';

export interface CraftedEntry {
  name: string;
  /** The entry's data as it is in the zip: deflated when `method` is 8. */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the zip declares. */
  declaredSize: number;
  /** The packed size the zip declares, when it should not be the data's. */
  declaredCompressedSize?: number;
  crc?: number;
}

/** A deflated entry whose data is `bytes`. */
export function deflatedEntry(name: string, bytes: Uint8Array): CraftedEntry {
  return { name, data: deflateRawSync(bytes), method: 8, declaredSize: bytes.byteLength, crc: crc32(bytes) };
}

/** A stored entry whose data is `bytes`. */
export function storedEntry(name: string, bytes: Uint8Array): CraftedEntry {
  return { name, data: bytes, method: 0, declaredSize: bytes.byteLength, crc: crc32(bytes) };
}

/** A plain (not ZIP64) zip of `entries`, in order. */
export function craftZip(entries: CraftedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc ?? 0, 14);
    local.writeUInt32LE(entry.declaredCompressedSize ?? entry.data.byteLength, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.byteLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc ?? 0, 16);
    central.writeUInt32LE(entry.declaredCompressedSize ?? entry.data.byteLength, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.byteLength, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength));
    centrals.push(central, name);
    offset += 30 + name.byteLength + entry.data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.byteLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
