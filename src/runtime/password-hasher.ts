// Password hashing is the costliest thing an anonymous caller can ask for (scrypt: ~50 ms of CPU
// and 16 MiB each). At most `concurrency` run at once and `queue` wait; past that, RATE_LIMITED at
// once, so that a flood of sign-ins cannot saturate the CPU and slow every other request.
import { rateLimited } from "../errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export const HASH_RETRY_AFTER_MS = 1000;

export class PasswordHasher {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  hash(password: string): Promise<string> {
    return this.run(() => hashPassword(password));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.run(() => verifyPassword(password, stored));
  }

  /** Runs `task` in one of the slots; refuses with RATE_LIMITED when the slots and the queue are full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.queue) throw rateLimited(HASH_RETRY_AFTER_MS);
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so #running counts it still.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }
}
