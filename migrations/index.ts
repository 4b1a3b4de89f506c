import type { MixedList } from 'typeorm';
import { Foundation1764300000000 } from './1764300000000-foundation.js';

/** Every migration, in order. Add new ones at the end. */
export const migrations: MixedList<Function> = [Foundation1764300000000];
