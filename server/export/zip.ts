import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipFile {
  /** Path inside the archive, ASCII (`xl/workbook.xml`). */
  name: string;
  data: Buffer;
}

/** 1980-01-01 00:00 in DOS format: the same bytes for the same content. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** The largest size a zip without ZIP64 records holds. */
export const ZIP_MAX_BYTES = 0xffff_ffff;

/** The fields a local header and a central directory entry share, from `at` on (APPNOTE 4.3.7, 4.3.12). */
function describeFile(header: Buffer, at: number, crc: number, packed: number, size: number, nameLength: number): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0, at + 2); // flags
  header.writeUInt16LE(8, at + 4); // method: deflate
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(crc, at + 10);
  header.writeUInt32LE(packed, at + 14);
  header.writeUInt32LE(size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/**
 * A zip archive (PKWARE APPNOTE 4.3): every file deflated, then the central directory. Enough for
 * an Office Open XML package; no ZIP64, so each file and the whole archive stay under 4 GiB.
 */
export function zip(files: ZipFile[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'ascii');
    const packed = deflateRawSync(file.data, { level: 6 });
    const crc = crc32(file.data);
    if (file.data.length > ZIP_MAX_BYTES || offset + packed.length > ZIP_MAX_BYTES) throw new RangeError('zip: an archive over 4 GiB needs ZIP64');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    describeFile(local, 4, crc, packed.length, file.data.length, name.length);
    // extra field length: zero
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    describeFile(entry, 6, crc, packed.length, file.data.length, name.length);
    // extra, comment, disk, internal and external attributes: zero
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
