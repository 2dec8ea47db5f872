import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, readZip, redactZip, UnreadableZipError, writeZip } from '../../../src/steps/page/redact-zip.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pw-zip-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const entry = (name: string, data: string | Buffer) => ({ name: Buffer.from(name), data: Buffer.from(data), time: 0, date: 0x5a21 });

describe('trace zips', () => {
  it('crc32 is the zip one', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trip through write and read', () => {
    const entries = [entry('trace.trace', '{"a":1}\n'), entry('resources/x.jpeg', Buffer.from([0xff, 0xd8, 0x00, 0x01]))];
    expect(readZip(writeZip(entries))).toEqual(entries);
  });

  it('reads stored entries, as other zip writers make them', () => {
    const data = Buffer.from('stored text');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(1, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(1, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(47, 12);
    end.writeUInt32LE(31 + data.length, 16);
    const zip = Buffer.concat([local, Buffer.from('a'), data, central, Buffer.from('a'), end]);
    expect(readZip(zip).map((e) => [e.name.toString(), e.data.toString()])).toEqual([['a', 'stored text']]);
  });

  it('redacts every text entry and leaves binary ones alone', async () => {
    const path = join(dir, 'trace.zip');
    const image = Buffer.from([0x89, 0x50, 0x00, 0x73, 0x65, 0x63, 0x72, 0x65, 0x74]);
    await writeFile(path, writeZip([entry('trace.network', 'cookie: session=secret-1234\n'), entry('resources/a.json', '{"token":"secret-1234"}'), entry('resources/b.png', image)]));
    await redactZip(path, (text) => text.replaceAll('secret-1234', '[REDACTED]'));
    const entries = readZip(await readFile(path));
    expect(entries.map((e) => e.data.toString('latin1'))).toEqual(['cookie: session=[REDACTED]\n', '{"token":"[REDACTED]"}', image.toString('latin1')]);
  });

  it('deletes a trace it cannot read rather than keep secrets in it', async () => {
    const path = join(dir, 'broken.zip');
    await writeFile(path, 'not a zip, but session=secret-1234');
    await expect(redactZip(path, (text) => text)).rejects.toThrow(new UnreadableZipError('not a zip archive'));
    expect(existsSync(path)).toBe(false);
  });
});
