import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

/**
 * A minimal POSIX tar (ustar) writer and reader for backups: regular files only, names chosen
 * by the backup itself (checked on the way back in), so no tar package or `tar` binary is needed
 * and `tar -tzf backup.tar.gz` still lists an archive.
 */
const BLOCK = 512;
/** What a backup holds: its manifest, table data and uploads; nothing else is ever extracted. */
const ENTRY_NAME = /^(manifest\.json|data\/[a-z0-9_]+\.[a-z0-9_]+\.jsonl|uploads\/[a-zA-Z0-9][a-zA-Z0-9._-]{0,90})$/;

export function checkEntryName(name: string): string {
  if (!ENTRY_NAME.test(name)) throw new Error(`Not a Pasar Kerthi backup: unexpected entry ${JSON.stringify(name)}`);
  return name;
}

function header(name: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const field = (offset: number, length: number, value: string) => block.write(value, offset, length, 'ascii');
  const octal = (offset: number, length: number, value: number) => field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
  field(0, 100, checkEntryName(name));
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, Math.floor(Date.now() / 1000));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of block) sum += byte;
  field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes entries one after another into `out` (a gzip stream to the backup file, say). */
export class TarWriter {
  constructor(private readonly out: Writable) {}

  async addFile(name: string, path: string, size: number): Promise<void> {
    await write(this.out, header(name, size));
    for await (const chunk of createReadStream(path)) await write(this.out, chunk as Buffer);
    await this.pad(size);
  }

  async addBuffer(name: string, data: Buffer): Promise<void> {
    await write(this.out, header(name, data.length));
    await write(this.out, data);
    await this.pad(data.length);
  }

  /** The end-of-archive marker, then ends `out`. */
  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(BLOCK * 2));
    this.out.end();
    await once(this.out, 'finish');
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await write(this.out, Buffer.alloc(BLOCK - rest));
  }
}

/** Extracts every entry of the archive read from `input` under `dir`, answering the entry names. */
export async function extractTar(input: AsyncIterable<Buffer>, dir: string): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let file: WriteStream | undefined;
  let remaining = 0;
  let padding = 0;
  let ended = false;
  const close = async () => {
    const done = file!;
    file = undefined;
    done.end();
    await once(done, 'finish');
  };
  for await (const chunk of input) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (!ended) {
      if (remaining > 0) {
        if (pending.length === 0) break;
        const part = pending.subarray(0, Math.min(remaining, pending.length));
        pending = pending.subarray(part.length);
        remaining -= part.length;
        await write(file!, part);
        if (remaining === 0) await close();
        continue;
      }
      if (padding > 0) {
        const skipped = Math.min(padding, pending.length);
        if (skipped === 0) break;
        pending = pending.subarray(skipped);
        padding -= skipped;
        continue;
      }
      if (pending.length < BLOCK) break;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((byte) => byte === 0)) {
        ended = true;
        break;
      }
      const text = (offset: number, length: number) => block.toString('ascii', offset, offset + length).replace(/\0.*$/s, '');
      if (!['0', ''].includes(text(156, 1))) throw new Error('Not a Pasar Kerthi backup: it holds something other than plain files');
      const name = checkEntryName(text(0, 100));
      const size = parseInt(text(124, 12).trim(), 8);
      if (!Number.isFinite(size) || size < 0) throw new Error(`Not a Pasar Kerthi backup: bad size for ${name}`);
      const target = join(dir, name);
      await mkdir(dirname(target), { recursive: true });
      file = createWriteStream(target);
      names.push(name);
      remaining = size;
      padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (size === 0) await close();
    }
  }
  if (file || remaining > 0 || !ended) throw new Error('The backup archive is cut short');
  return names;
}
