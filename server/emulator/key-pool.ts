import { generateRsaKeyPair, type PemKeyPair } from '../tokens/keys.js';

/**
 * RSA key pairs generated ahead, in the background (libuv thread pool), for namespaces whose seed
 * has keys without a `privateKey`: each namespace gets keys of its own, and creating one does not
 * wait ~50–100 ms per key. Taking a pair starts generating its replacement; an empty pool generates
 * on the spot.
 */
export class KeyPool {
  private readonly ready: Promise<PemKeyPair>[] = [];
  private closed = false;

  constructor(private readonly size: number) {
    this.fill();
  }

  private fill(): void {
    while (!this.closed && this.ready.length < this.size) {
      const pair = generateRsaKeyPair();
      pair.catch(() => undefined);
      this.ready.push(pair);
    }
  }

  take(): Promise<PemKeyPair> {
    const pair = this.ready.shift() ?? generateRsaKeyPair();
    this.fill();
    return pair;
  }

  /** Stops refilling (pairs already being generated finish and are dropped). */
  close(): void {
    this.closed = true;
    this.ready.length = 0;
  }
}
