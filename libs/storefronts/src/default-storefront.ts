import { sanitizeRichText, type Text } from '#libs/platform';
import type { StorefrontDocument } from './theme-schema.js';

interface SellerFacts {
  name: string;
  story: Text | null;
  whatsapp: string | null;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A seller's plain-text story as rich text: one paragraph per blank-line-separated block. */
const paragraphs = (text: string) =>
  sanitizeRichText(
    text
      .split(/\n\s*\n/)
      .map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>')}</p>`)
      .join(''),
  );

/** Where a new storefront starts: the seller's name, their story and their products. */
export function defaultStorefront(seller: SellerFacts, theme = 'warm-craft'): StorefrontDocument {
  const story = seller.story ? { id: paragraphs(seller.story.id), ...(seller.story.en ? { en: paragraphs(seller.story.en) } : {}) } : undefined;
  return {
    theme,
    settings: {},
    sections: [
      { id: 'hero', type: 'hero', settings: { heading: seller.name, buttonLabel: { id: 'Lihat produk', en: 'See the products' }, buttonUrl: '#products' } },
      ...(story ? [{ id: 'story', type: 'story', settings: { heading: { id: 'Cerita kami', en: 'Our story' }, body: story } }] : []),
      { id: 'products', type: 'product_grid', settings: { heading: { id: 'Produk kami', en: 'Our products' }, source: 'all', count: 8 } },
      ...(seller.whatsapp
        ? [
            {
              id: 'contact',
              type: 'contact',
              settings: { whatsappMessage: { id: `Halo ${seller.name}, saya tertarik dengan produk Anda.`, en: `Hello ${seller.name}, I am interested in your products.` } },
            },
          ]
        : []),
    ],
  };
}
