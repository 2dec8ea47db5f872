import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MIN_HUGE_BODY_BYTES, writeHugeJson } from '../../src/demo/huge-body.ts';

const KiB = 1024;

/** Collects what it is given; `delayMs` makes it a slow reader so backpressure builds up. */
class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  received = 0;
  largestBacklog = 0;

  constructor(
    private readonly options: { highWaterMark?: number; delayMs?: number; destroyAfter?: number } = {},
  ) {
    super({ highWaterMark: options.highWaterMark ?? 16 * KiB });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.largestBacklog = Math.max(this.largestBacklog, this.writableLength);
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.options.destroyAfter !== undefined && this.received >= this.options.destroyAfter) {
      callback();
      this.destroy();
      return;
    }
    if (this.options.delayMs) setTimeout(callback, this.options.delayMs);
    else callback();
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function finished(sink: Sink): Promise<void> {
  return new Promise((resolve) => sink.on('finish', () => resolve()));
}

describe('writeHugeJson', () => {
  it.each([MIN_HUGE_BODY_BYTES, MIN_HUGE_BODY_BYTES + 1, 64 * KiB + 3, 1024 * KiB + 7])('writes exactly %i bytes of valid JSON and ends', async (size) => {
    const sink = new Sink();
    const done = finished(sink);
    const written = await writeHugeJson(sink, size, new AbortController().signal);
    await done;
    expect(written).toBe(size);
    expect(sink.received).toBe(size);
    const parsed = JSON.parse(sink.text()) as { items: Array<{ id: string; price: number }> };
    expect(parsed.items.length).toBeGreaterThan(0);
    expect(parsed.items.every((item) => item.id === 'p-1001' && item.price > 0)).toBe(true);
  });

  it('refuses a size too small for the layout', async () => {
    await expect(writeHugeJson(new Sink(), MIN_HUGE_BODY_BYTES - 1, new AbortController().signal)).rejects.toThrow(RangeError);
  });

  it('waits for a slow reader instead of buffering ahead of it', async () => {
    const sink = new Sink({ highWaterMark: 16 * KiB, delayMs: 1 });
    const written = await writeHugeJson(sink, 2048 * KiB, new AbortController().signal);
    expect(written).toBe(2048 * KiB);
    // At most one 64 KiB piece beyond the reader's own buffer is ever queued.
    expect(sink.largestBacklog).toBeLessThanOrEqual(16 * KiB + 64 * KiB);
  });

  it('stops, without throwing, when the reader goes away', async () => {
    const sink = new Sink({ highWaterMark: 16 * KiB, destroyAfter: 256 * KiB });
    const written = await writeHugeJson(sink, 64 * 1024 * KiB, new AbortController().signal);
    expect(sink.destroyed).toBe(true);
    expect(written).toBeGreaterThanOrEqual(256 * KiB);
    expect(written).toBeLessThan(512 * KiB);
    expect(sink.writableEnded).toBe(false);
  });

  it('stops when its signal aborts, leaving the destination open', async () => {
    const sink = new Sink({ highWaterMark: 16 * KiB, delayMs: 5 });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const written = await writeHugeJson(sink, 64 * 1024 * KiB, stop.signal);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(4 * 1024 * KiB);
    expect(sink.writableEnded).toBe(false);
  });
});
