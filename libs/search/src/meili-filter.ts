/**
 * Meilisearch filter expressions from user values. Every value is quoted and its quotes
 * and backslashes escaped, so no input can change the expression's structure.
 */
export function quote(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `field = "a" OR field = "b"` for a facet where any of the chosen values matches. */
export function anyOf(field: string, values: Array<string | boolean>): string | undefined {
  if (values.length === 0) return undefined;
  return values.map((value) => `${field} = ${quote(value)}`).join(' OR ');
}
