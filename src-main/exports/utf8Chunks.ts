/**
 * Text written piece by piece, encoded as UTF-8 straight into one of two fixed buffers: while
 * one is being consumed (deflated, written to the file) the other fills, and a full one waits
 * for the consumer to let go of the other. A million rows of an export so make no string or
 * buffer that outlives its row: building a batch's text as one string and encoding it in 64 KB
 * chunks kept each batch alive across several young-generation collections, and the report
 * worker's old generation swung by some 60 MB between full collections (bench:reports).
 */
export class Utf8Chunks {
  private filling: Buffer;
  private spare: Buffer;
  private used = 0;
  /** The spare buffer's consumer, until it is done with it. */
  private inFlight: Promise<void> = Promise.resolve();

  /** `consume` resolves when it no longer needs the bytes it was given. */
  constructor(
    private readonly consume: (bytes: Buffer) => Promise<void>,
    size = 1 << 16,
  ) {
    this.filling = Buffer.allocUnsafeSlow(size);
    this.spare = Buffer.allocUnsafeSlow(size);
  }

  /** Adds `text`; returns a promise only when the caller must wait (a buffer was handed on). */
  write(text: string): void | Promise<void> {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
    if (text.length * 3 <= this.filling.length - this.used) {
      this.used += this.filling.write(text, this.used, 'utf8');
      return;
    }
    return this.writeAfterFlush(text);
  }

  private async writeAfterFlush(text: string): Promise<void> {
    await this.flush();
    if (text.length * 3 <= this.filling.length) this.used = this.filling.write(text, 0, 'utf8');
    else await this.handOn(Buffer.from(text, 'utf8')); // a text larger than a buffer goes as it is
  }

  /** Hands the filled part on; resolves when the other buffer is free to fill. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const bytes = this.filling.subarray(0, this.used);
    await this.inFlight;
    this.inFlight = this.consume(bytes);
    // A failure is awaited by the next flush or by `end`; until then it must not surface as unhandled.
    this.inFlight.catch(() => undefined);
    [this.filling, this.spare] = [this.spare, this.filling];
    this.used = 0;
  }

  private async handOn(bytes: Buffer): Promise<void> {
    await this.inFlight;
    this.inFlight = this.consume(bytes);
    await this.inFlight;
  }

  /** Hands on what is left and waits until the consumer is done with all of it. */
  async end(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }
}
