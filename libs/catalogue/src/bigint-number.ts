/** bigint columns arrive as strings from pg; money amounts stay far below 2^53. */
export const bigintNumber = { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) };
