import sanitizeHtml from 'sanitize-html';

/**
 * Seller rich text (descriptions, storefront stories) through one allow-list:
 * no script, no style, no inline handlers, links only to http(s)/mailto/tel.
 */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'a', 'span'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc', target: '_blank' }),
  },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, { ...RICH_TEXT, allowedAttributes: { a: ['href', 'title', 'rel', 'target'] } });
}

/** Plain text: every tag removed (review text, titles used in meta tags). */
export function stripTags(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
}
