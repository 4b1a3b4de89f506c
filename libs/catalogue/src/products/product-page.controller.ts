import { Controller, Get, Inject, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/identity';
import Handlebars from 'handlebars';
import { APP_CONFIG, localize, PageSlots, PublicPages, stripTags, ViewService, type AppConfig } from '#libs/platform';
import { SellersService, StorefrontLinks } from '#libs/sellers';
import { CategoriesService } from '../categories/categories.service.js';
import type { ProductView } from './product-view.js';
import { ProductsService } from './products.service.js';

/** The public product page: localised text with a fallback notice, srcset images, JSON-LD and OpenGraph; other libs add to it through page slots (reviews). */
@Controller()
@ApiExcludeController()
export class ProductPageController {
  constructor(
    private readonly views: ViewService,
    private readonly publicPages: PublicPages,
    private readonly products: ProductsService,
    private readonly sellers: SellersService,
    private readonly links: StorefrontLinks,
    private readonly categories: CategoriesService,
    private readonly slots: PageSlots,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('products/:id')
  @Public()
  async show(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    // One stored page per language (PublicPages); a signed-in buyer also gets their "write a review".
    await this.publicPages.page(req, res, 'catalogue/product', (user) => this.pageData(id, req, user), {
      personal: { reviewPrompt: async (user) => (await this.slots.render('product.review-prompt', { productId: id, lang: req.lang, user })).html },
    });
  }

  private async pageData(id: string, req: Request, user: Request['user']): Promise<Record<string, unknown>> {
    const product = await this.products.findVisible(user, id);
    // The public view: name, regency, WhatsApp link and verification badges, never private fields.
    const [seller, category, categoryPath, reviews] = await Promise.all([
      this.sellers.view(product.sellerId, user),
      this.categories.find(product.categorySlug),
      this.categories.ancestors(product.categorySlug),
      this.slots.render('product.reviews', { productId: product.id, lang: req.lang }),
    ]);
    const sellerHref = (await this.links.hrefs([seller])).get(seller.id);
    const title = localize(product.title, req.lang);
    const description = localize(product.description, req.lang);
    const url = `${this.config.publicUrl}/products/${product.id}`;
    const summary = stripTags(description.value).replace(/\s+/g, ' ').trim().slice(0, 160);
    const images = product.images.map((image) => `${this.config.publicUrl}${image.url}`);
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: title.value,
      description: summary,
      image: images,
      url,
      ...(product.variants[0] ? { sku: product.variants[0].sku } : {}),
      ...(product.materials.length ? { material: product.materials.join(', ') } : {}),
      brand: { '@type': 'Brand', name: seller.name },
      offers: {
        '@type': 'Offer',
        url,
        price: (product.price.amount / 100).toFixed(2),
        priceCurrency: product.price.currency,
        availability: product.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      },
      ...reviews.structuredData,
    };
    const head = this.views.render('catalogue/partials/product-head', { jsonLd, title: title.value, summary, url, image: images[0], lang: req.lang });
    return {
      title: title.value,
      metaDescription: summary,
      canonical: url,
      head,
      product,
      seller,
      sellerHref,
      category,
      categoryPath,
      fallback: title.fallback || (description.fallback && !!product.description.id),
      variantPrices: variantChoices(product),
      inStock: product.stock > 0,
      slotReviews: new Handlebars.SafeString(reviews.html),
    };
  }
}

/** The variant picker's entries, each with its own price when it differs. */
function variantChoices(product: ProductView) {
  return product.variants.map((v) => ({
    id: v.id,
    label:
      Object.entries(v.options)
        .map(([name, value]) => `${name}: ${value}`)
        .join(', ') || v.sku,
    price: v.price ?? product.price,
    stock: v.stock,
  }));
}
