import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FieldError } from '#libs/platform';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {})
      .slice(0, 1)
      .map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A form body checked against the same DTO as the JSON API: the value, or the field errors. */
export async function formInput<T extends object>(type: new () => T, body: unknown): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(type, body ?? {}, { enableImplicitConversion: false });
  const errors = flatten(await validate(value, { whitelist: true, forbidUnknownValues: false }));
  return { value, errors };
}

/** `{ 'shippingAddress.city': 'must…' }` for templates. */
export const byField = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));
