import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CurrentUser } from '../roles.js';

/** The placeholder written over erased personal data (orders kept for the tax records, texts). */
export const ERASED = 'Dihapus';

/**
 * One lib's part of a person's data (UU PDP): what it exports, what must be closed before the
 * account can be, and how it erases. identity is the lowest lib and imports none of the others, so
 * each registers its part at start (`onModuleInit`), as reviews fills `PageSlots`.
 */
export interface PersonalDataSection {
  /** Its key in the export document: `orders`, `reviews`… */
  name: string;
  /** Everything this lib holds about the user, ready for JSON. */
  export(user: CurrentUser): Promise<unknown>;
  /** What must be closed first, one sentence naming each ("order … is shipped"); read in the closing transaction. */
  blockers?(manager: EntityManager, user: CurrentUser): Promise<string[]>;
  /** Erases or anonymises this lib's personal data of the user, in the closing transaction (SQL on `manager` only). */
  erase?(manager: EntityManager, user: CurrentUser): Promise<void>;
}

/** The registry of personal-data sections: the data export and account closure walk it in registration order. */
@Injectable()
export class PersonalDataSections {
  private readonly sections: PersonalDataSection[] = [];

  register(section: PersonalDataSection): void {
    if (this.sections.some((s) => s.name === section.name)) throw new Error(`personal data section ${section.name} registered twice`);
    this.sections.push(section);
  }

  all(): readonly PersonalDataSection[] {
    return this.sections;
  }
}
