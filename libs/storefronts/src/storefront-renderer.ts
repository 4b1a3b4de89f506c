import { Inject, Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { ProductsService, type ImageView, type ProductView } from '#libs/catalogue';
import { APP_CONFIG, isEmailAddress, localize, PageSlots, regencyName, stripTags, t, type AppConfig, type Lang, type Text } from '#libs/platform';
import type { Seller } from '#libs/sellers';
import { StorefrontDataRepository, type ExportSummary } from './storefront-data.repository.js';
import { ThemeRegistry, type Theme } from './theme-registry.js';
import { LIMITS, type Setting, type StorefrontDocument } from './theme-schema.js';

const COLOR = /^#[0-9a-f]{6}$/i;

export interface RenderOptions {
  lang: Lang;
  preview: boolean;
}

type Values = Record<string, unknown>;

/** Turns a validated storefront document into one HTML page with its theme's compiled templates. */
@Injectable()
export class StorefrontRenderer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly themes: ThemeRegistry,
    private readonly products: ProductsService,
    private readonly data: StorefrontDataRepository,
    private readonly slots: PageSlots,
  ) {}

  async render(seller: Seller, document: StorefrontDocument, { lang, preview }: RenderOptions): Promise<string> {
    const theme = this.themes.get(document.theme) ?? this.themes.list()[0]!;
    const sections = document.sections.filter((section) => theme.sections.has(section.type)).slice(0, LIMITS.sections);
    const schemaOf = (type: string) => theme.schema.sections.find((s) => s.type === type)!;

    // Every image and product the page needs, fetched in a few queries whatever the section count.
    const imageIds = new Set<string>();
    const productIds = new Set<string>();
    const grids = new Map<string, string[]>();
    for (const section of sections) {
      const schema = schemaOf(section.type);
      collect(schema.settings, section.settings, imageIds, productIds);
      for (const block of section.blocks ?? []) collect(schema.blocks?.find((b) => b.type === block.type)?.settings ?? [], block.settings, imageIds, productIds);
      if (section.type === 'product_grid') {
        const s = withDefaults(schema.settings, section.settings);
        const count = Number(s.count) || 8;
        const ids =
          s.source === 'chosen' && Array.isArray(s.products)
            ? (s.products as string[]).slice(0, count)
            : await this.data.activeProductIds(seller.id, count, s.source === 'category' ? (s.category as string | undefined) : undefined);
        grids.set(section.id, ids);
        ids.forEach((id) => productIds.add(id));
      }
    }
    const [images, products, exportSummary, rating] = await Promise.all([
      this.data.images(seller.id, [...imageIds]),
      this.productViews(seller.id, [...productIds]),
      sections.some((s) => s.type === 'export_info') ? this.data.exportSummary(seller.id) : Promise.resolve(null),
      // Filled by a higher lib (reviews) when installed; its changes are part of the page stamp.
      this.slots.render('seller.rating', { sellerId: seller.id, lang }),
    ]);

    const texts: Array<Text | string | undefined> = [];
    let featured: ProductView | undefined;
    const html = sections.map((section) => {
      const schema = schemaOf(section.type);
      const s = resolve(schema.settings, section.settings, images, products, texts);
      if (section.type === 'hero' && !localize(s.heading as Text, lang).value) s.heading = seller.name;
      const blocks = (section.blocks ?? []).map((block) => ({
        type: block.type,
        settings: resolve(schema.blocks?.find((b) => b.type === block.type)?.settings ?? [], block.settings, images, products, texts),
      }));
      const context: Values = { lang, id: section.id, s, blocks, seller: { name: seller.name } };
      if (section.type === 'product_grid') context.products = (grids.get(section.id) ?? []).flatMap((id) => products.get(id) ?? []);
      if (section.type === 'featured_product') {
        context.product = s.product;
        featured ??= s.product as ProductView | undefined;
      }
      if (section.type === 'contact') context.contact = this.contact(seller, s, lang);
      if (section.type === 'export_info') context.exportInfo = exportFacts(exportSummary, s, lang);
      for (const product of [...((context.products as ProductView[]) ?? []), ...(context.product ? [context.product as ProductView] : [])]) texts.push(product.title);
      return theme.sections.get(section.type)!(context, { allowProtoPropertiesByDefault: false });
    });

    const hero = sections.find((s) => s.type === 'hero');
    const heroImage = hero ? images.get(hero.settings.image as string) : undefined;
    const storyBody = sections.find((s) => s.type === 'story')?.settings.body as Text | undefined;
    return this.themes.document(
      {
        lang,
        preview,
        theme: theme.schema.key,
        css: new Handlebars.SafeString(theme.css),
        colors: colors(theme, document.settings),
        bodyClass: bodyClasses(theme, document.settings),
        seller: { name: seller.name, regencyName: regencyName(seller.regency) },
        fallback: lang === 'en' && texts.some((text) => localize(text as Text, 'en').fallback),
        langSwitch: this.langSwitch(seller.slug, lang, preview),
        seo: this.seo(seller, lang, storyBody ?? (hero?.settings.text as Text | undefined), heroImage, featured),
        sections: new Handlebars.SafeString(html.join('\n')),
        rating: new Handlebars.SafeString(rating.html),
      },
      { allowProtoPropertiesByDefault: false },
    );
  }

  private async productViews(sellerId: string, ids: string[]): Promise<Map<string, ProductView>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.products.findByIds(ids)).filter((p) => p.sellerId === sellerId && p.status === 'active');
    return new Map((await this.products.views(rows)).map((view) => [view.id, view]));
  }

  private contact(seller: Seller, s: Values, lang: Lang) {
    const digits = (seller.whatsapp ?? '').replace(/\D/g, '');
    const message = localize(s.whatsappMessage as Text | undefined, lang).value;
    const email = localize(s.email as Text | undefined, lang).value.trim();
    return {
      whatsappUrl: digits ? `https://wa.me/${digits}${message ? `?text=${encodeURIComponent(message)}` : ''}` : undefined,
      email: isEmailAddress(email) ? email : undefined,
      mailto: isEmailAddress(email) ? `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}` : undefined,
    };
  }

  private langSwitch(slug: string, lang: Lang, preview: boolean) {
    const other: Lang = lang === 'en' ? 'id' : 'en';
    return { href: `/s/${slug}?lang=${other}${preview ? '&preview=1' : ''}`, lang: other, label: other === 'en' ? 'English' : 'Bahasa Indonesia' };
  }

  private seo(seller: Seller, lang: Lang, about: Text | string | undefined, image: ImageView | undefined, featured: ProductView | undefined) {
    const base = this.config.publicUrl.replace(/\/$/, '');
    const url = (lang_: Lang) => `${base}/s/${seller.slug}${lang_ === 'en' ? '?lang=en' : ''}`;
    const plain = (value: Text | string | null | undefined) => stripTags(localize(value, lang).value).replace(/\s+/g, ' ').trim();
    const description = (plain(about) || plain(seller.story) || t('storefront.seoDescription', lang, { name: seller.name, regency: regencyName(seller.regency) })).slice(0, 160);
    const absolute = (path: string) => `${base}${path}`;
    return {
      title: `${seller.name} · Pasar Kerthi`,
      description,
      canonical: url(lang),
      urlId: url('id'),
      urlEn: url('en'),
      image: image ? absolute(image.url) : undefined,
      organization: {
        '@context': 'https://schema.org',
        '@type': 'Organization',
        name: seller.name,
        url: url(lang),
        description,
        ...(image ? { image: absolute(image.url) } : {}),
        address: { '@type': 'PostalAddress', addressRegion: regencyName(seller.regency), ...(seller.district ? { addressLocality: seller.district } : {}), addressCountry: 'ID' },
      },
      product: featured
        ? {
            '@context': 'https://schema.org',
            '@type': 'Product',
            name: localize(featured.title, lang).value,
            description: plain(featured.description).slice(0, 500),
            url: absolute(`/products/${featured.id}`),
            image: featured.images.map((img) => absolute(img.url)),
            brand: { '@type': 'Brand', name: seller.name },
            offers: {
              '@type': 'Offer',
              price: (featured.price.amount / 100).toFixed(2),
              priceCurrency: featured.price.currency,
              availability: featured.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
              url: absolute(`/products/${featured.id}`),
            },
          }
        : undefined,
    };
  }
}

function withDefaults(schema: Setting[], values: Values): Values {
  const result: Values = {};
  for (const setting of schema) {
    const value = values[setting.id] ?? setting.default;
    if (value !== undefined) result[setting.id] = value;
  }
  return result;
}

function collect(schema: Setting[], values: Values, images: Set<string>, products: Set<string>) {
  for (const setting of schema) {
    const value = values[setting.id];
    if (setting.type === 'image' && typeof value === 'string') images.add(value);
    if (setting.type === 'product' && typeof value === 'string') products.add(value);
  }
}

/** Settings with defaults, images and products as views; texts are noted for the fallback marker. */
function resolve(schema: Setting[], values: Values, images: Map<string, ImageView>, products: Map<string, ProductView>, texts: Array<Text | string | undefined>): Values {
  const s = withDefaults(schema, values);
  for (const setting of schema) {
    const value = s[setting.id];
    if (setting.type === 'image') s[setting.id] = typeof value === 'string' ? images.get(value) : undefined;
    if (setting.type === 'product') s[setting.id] = typeof value === 'string' ? products.get(value) : undefined;
    if ((setting.type === 'text' || setting.type === 'richtext') && value !== undefined) texts.push(value as Text);
  }
  return s;
}

/** Only validated colours reach the page, and only as CSS custom properties. */
function colors(theme: Theme, settings: Values) {
  const s = withDefaults(theme.schema.settings, settings);
  const pick = (value: unknown, fallback: string) => (typeof value === 'string' && COLOR.test(value) ? value : fallback);
  const primary = pick(s.primaryColor, '#0f766e');
  return { primary, accent: pick(s.accentColor, primary) };
}

/** `sf-<setting>-<option>` for selects and `sf-<setting>` for ticked checkboxes: the theme's CSS does the rest. */
function bodyClasses(theme: Theme, settings: Values): string {
  const s = withDefaults(theme.schema.settings, settings);
  return theme.schema.settings
    .flatMap((setting) => {
      if (setting.type === 'select' && setting.options?.some((o) => o.value === s[setting.id])) return [`sf-${setting.id}-${s[setting.id]}`];
      if (setting.type === 'checkbox' && s[setting.id] === true) return [`sf-${setting.id}`];
      return [];
    })
    .join(' ')
    .toLowerCase();
}

function exportFacts(summary: ExportSummary | null, s: Values, lang: Lang) {
  const own = (key: string) => localize(s[key] as Text | undefined, lang).value || undefined;
  return {
    moq: summary?.moq ? t('storefront.export.moqValue', lang, { n: summary.moq }) : own('moq'),
    incoterms: summary?.incoterms.length ? summary.incoterms.join(', ') : own('incoterms'),
    leadTime: summary?.leadTimeDays ? t('storefront.export.leadTimeValue', lang, { n: summary.leadTimeDays }) : undefined,
    capacity: summary?.capacityPerMonth ? t('storefront.export.capacityValue', lang, { n: summary.capacityPerMonth }) : undefined,
  };
}
