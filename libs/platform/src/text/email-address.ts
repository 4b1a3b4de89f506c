import { isEmail } from 'class-validator';

/** RFC 5321's limit on a whole address; longer input is refused before any pattern reads it. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The one email check of the project (the JSON API's `@IsEmail` uses the same validator.js
 * routine): the length is capped first, so a hostile 1 MB "address" costs nothing.
 */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH && isEmail(value);
}
