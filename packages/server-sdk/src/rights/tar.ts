/**
 * A minimal streaming ustar writer (POSIX 1003.1-1988): a 512-byte header per file, the bytes,
 * zero padding to the next 512-byte block, and two zero blocks at the end. Enough for an export
 * archive that any `tar` reads, without holding a file in memory or adding a dependency.
 */
const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

export function tarHeader(name: string, size: number, mtime: Date = new Date()): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar: name too long: ${name}`);
  const header = Buffer.alloc(BLOCK);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, 'ascii'); // mode
  header.write(octal(0, 8), 108, 'ascii'); // uid
  header.write(octal(0, 8), 116, 'ascii'); // gid
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.fill(0x20, 148, 156); // checksum is computed with this field as spaces
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write('candid', 265, 'ascii'); // uname
  header.write('candid', 297, 'ascii'); // gname
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** Zero bytes that complete a file of `size` bytes to whole blocks. */
export function tarPadding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

export const TAR_END = Buffer.alloc(2 * BLOCK);

/** Reads a ustar archive back (tests, and `candid` tooling): name → bytes. */
export function parseTar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
    const stored = parseInt(header.subarray(148, 156).toString('ascii').replace(/[\0 ].*$/s, ''), 8);
    if (sum !== stored) throw new Error(`tar: bad header checksum for ${name}`);
    files.set(name, Buffer.from(archive.subarray(offset + BLOCK, offset + BLOCK + size)));
    offset += BLOCK + size + tarPadding(size).length;
  }
  return files;
}
