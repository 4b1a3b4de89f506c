import { Problem, type FieldError } from '#libs/platform';

/** Form posts carry strings; these turn them into the JSON shapes the DTOs validate. */
export const formString = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function formList(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => formString(v).split(/[\s,]+/)).filter(Boolean);
}

/** A whole number as typed ("1.500" and "1500" alike); the text itself when it is not one, so the DTO names the field. */
export function formInt(value: unknown): number | string | undefined {
  const text = formString(value).replace(/[.\s]/g, '');
  if (!text) return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Whole rupiah as artisans write them ("250.000") to a Money in minor units. */
export function formRupiah(value: unknown): { amount: number | string; currency: 'IDR' } | undefined {
  const whole = formInt(value);
  if (whole === undefined) return undefined;
  return { amount: typeof whole === 'number' ? whole * 100 : whole, currency: 'IDR' };
}

/** field → message of a 422 problem, to show beside the inputs; other errors are rethrown. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof Problem) || error.getStatus() !== 422) throw error;
  const body = error.getResponse() as { errors?: FieldError[]; detail?: string };
  const errors: Record<string, string> = {};
  for (const e of body.errors ?? [{ field: 'form', message: body.detail ?? 'invalid' }]) errors[e.field.split(/[.[]/)[0]!] ??= e.message;
  return errors;
}
