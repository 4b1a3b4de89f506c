import { stripTags } from '#libs/platform';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&nbsp;': ' ' };

/**
 * Buyer-written text kept as plain text: tags (and script/style bodies) removed, and the
 * entities the sanitiser leaves decoded back, since every page escapes on output.
 */
export function plainText(input: string): string {
  return (
    stripTags(input)
      .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
      // Trailing blanks per line without a pattern, which would backtrack over a long run of spaces.
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim()
  );
}
