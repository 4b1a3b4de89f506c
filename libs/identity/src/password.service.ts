import { hash, verify, type Options } from '@node-rs/argon2';
import { Injectable } from '@nestjs/common';

/**
 * argon2id through @node-rs/argon2 (prebuilt for Node 24, no compiler needed), with the
 * OWASP minimum parameters (19 MiB, 2 iterations).
 */
@Injectable()
export class PasswordService {
  // algorithm 2 is Argon2id (a const enum in the package's types, which isolated modules cannot read).
  private readonly options: Options = { algorithm: 2 as Options['algorithm'], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(hashed: string | undefined, password: string): Promise<boolean> {
    if (!hashed) {
      // Same work for unknown accounts, so timing does not reveal which emails exist.
      await hash(password, this.options);
      return false;
    }
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  }
}
