import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authenticated, type SignedInUser } from '#libs/identity';
import { Problem, RateLimit, t, ViewService, type FieldError } from '#libs/platform';
import { SellersService } from '#libs/sellers';
import { blocksFromForm, conformToTheme, editorFields, newSectionId, settingsFromForm, type EditorChoices } from './editor-form.js';
import { StorefrontDataRepository } from './storefront-data.repository.js';
import { StorefrontsService, VERSIONS_KEPT } from './storefronts.service.js';
import { ThemeRegistry } from './theme-registry.js';
import type { StorefrontDocument } from './theme-schema.js';

type Form = Record<string, unknown>;

/**
 * The storefront editor for sellers, without JavaScript: small forms that each change the
 * draft and save it through the same validation as the API, then come back (303).
 */
@Controller('dashboard/sellers/:id/storefront')
@ApiExcludeController()
export class StorefrontEditorController {
  constructor(
    private readonly views: ViewService,
    private readonly storefronts: StorefrontsService,
    private readonly sellers: SellersService,
    private readonly themes: ThemeRegistry,
    private readonly data: StorefrontDataRepository,
  ) {}

  @Get()
  @Authenticated()
  async editor(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const state = await this.storefronts.state(req.user, id);
    await this.render(req, res, id, state.draft);
  }

  @Post('theme')
  @Authenticated()
  async theme(@Param('id', ParseUUIDPipe) id: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    await this.change(req, res, id, '', (draft) => {
      const theme = this.themes.get(String(form.theme)) ?? this.themes.get(draft.theme);
      if (!theme) return draft;
      const moved = conformToTheme(draft, theme.schema);
      return { ...moved, settings: settingsFromForm(theme.schema.settings, form.t) };
    });
  }

  @Post('sections')
  @Authenticated()
  async add(@Param('id', ParseUUIDPipe) id: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    const type = String(form.type ?? '');
    let added = '';
    await this.change(
      req,
      res,
      id,
      () => added,
      (draft) => {
        added = newSectionId(draft, type);
        return { ...draft, sections: [...draft.sections, { id: added, type, settings: {} }] };
      },
    );
  }

  /** One form per section; its buttons say what to do (`op`): save, up, down, remove, addBlock:<type>, removeBlock:<n>. */
  @Post('sections/:sectionId')
  @Authenticated()
  async section(@Param('id', ParseUUIDPipe) id: string, @Param('sectionId') sectionId: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    const op = String(form.op ?? 'save');
    await this.change(req, res, id, op === 'remove' ? '' : sectionId, (draft) => {
      const index = draft.sections.findIndex((s) => s.id === sectionId);
      const current = draft.sections[index];
      const schema = this.themes.get(draft.theme)?.schema.sections.find((s) => s.type === current?.type);
      if (!current || !schema) return draft;
      const sections = [...draft.sections];
      const blocks = schema.blocks ? (blocksFromForm(schema, form.b) ?? []) : undefined;
      const edited = { ...current, settings: settingsFromForm(schema.settings, form.s), ...(blocks ? { blocks } : {}) };
      sections[index] = edited;
      if (op === 'remove') sections.splice(index, 1);
      if (op === 'up' && index > 0) [sections[index - 1], sections[index]] = [sections[index]!, sections[index - 1]!];
      if (op === 'down' && index < sections.length - 1) [sections[index + 1], sections[index]] = [sections[index]!, sections[index + 1]!];
      if (op.startsWith('addBlock:') && blocks) blocks.push({ type: op.slice('addBlock:'.length), settings: {} });
      const removed = op.startsWith('removeBlock:') ? Number(op.slice('removeBlock:'.length)) : NaN;
      if (blocks && Number.isInteger(removed) && removed >= 0) blocks.splice(removed, 1);
      return { ...draft, sections };
    });
  }

  @Post('publish')
  @Authenticated()
  @RateLimit('publish')
  async publish(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    const { version } = await this.storefronts.publish(req.user, id);
    res.redirect(303, `/dashboard/sellers/${id}/storefront?published=${version}`);
  }

  @Post('rollback')
  @Authenticated()
  @RateLimit('publish')
  async rollback(@Param('id', ParseUUIDPipe) id: string, @Body() form: Form, @Req() req: Request, @Res() res: Response) {
    const version = Number.parseInt(String(form.version), 10);
    const result = await this.storefronts.rollback(req.user, id, Number.isInteger(version) && version > 0 ? version : 0);
    res.redirect(303, `/dashboard/sellers/${id}/storefront?published=${result.version}`);
  }

  /** Applies `edit` to the current draft and saves it; a refusal shows the page again with the reasons. */
  private async change(req: Request, res: Response, id: string, anchor: string | (() => string), edit: (draft: StorefrontDocument) => StorefrontDocument) {
    const { draft } = await this.storefronts.state(req.user, id);
    const next = edit(structuredClone(draft));
    try {
      await this.storefronts.saveDraft(req.user, id, next);
    } catch (error) {
      const errors = error instanceof Problem && error.getStatus() === 422 ? ((error.getResponse() as { errors?: FieldError[] }).errors ?? []) : undefined;
      if (!errors) throw error;
      return this.render(req, res, id, next, errors);
    }
    const target = typeof anchor === 'function' ? anchor() : anchor;
    res.redirect(303, `/dashboard/sellers/${id}/storefront?saved=1${target ? `#section-${target}` : ''}`);
  }

  private async render(req: Request, res: Response, id: string, draft: StorefrontDocument, errors?: FieldError[]) {
    const user = req.user as SignedInUser;
    const [seller, state, versions, images, products, categories] = await Promise.all([
      this.sellers.findById(id),
      this.storefronts.state(user, id),
      this.storefronts.versions(user, id),
      this.data.uploads(id),
      this.data.productChoices(id),
      this.data.categoryChoices(),
    ]);
    const choices: EditorChoices = { images, products, categories };
    const theme = (this.themes.get(draft.theme) ?? this.themes.list()[0]!).schema;
    const sections = draft.sections.map((section, index) => {
      const schema = theme.sections.find((s) => s.type === section.type);
      return {
        id: section.id,
        name: schema?.name ?? section.type,
        position: index + 1,
        first: index === 0,
        last: index === draft.sections.length - 1,
        fields: editorFields(schema?.settings ?? [], section.settings ?? {}, 's', choices),
        blockTypes: (schema?.blocks ?? []).map((b) => ({ type: b.type, name: b.name })),
        canAddBlock: !!schema?.blocks && (section.blocks?.length ?? 0) < Math.min(16, schema.maxBlocks ?? 16),
        blocks: (section.blocks ?? []).map((block, n) => {
          const blockSchema = schema?.blocks?.find((b) => b.type === block.type);
          return { n, type: block.type, name: blockSchema?.name ?? block.type, fields: editorFields(blockSchema?.settings ?? [], block.settings ?? {}, `b[${n}][s]`, choices) };
        }),
      };
    });
    this.views.page(
      req,
      res,
      'storefronts/editor',
      {
        title: t('storefront.editor.title', req.lang, { seller: seller!.name }),
        seller,
        themes: this.themes.list().map((th) => ({ key: th.schema.key, name: th.schema.name, description: th.description, selected: th.schema.key === theme.key })),
        themeFields: editorFields(theme.settings, draft.settings ?? {}, 't', choices),
        sections,
        sectionTypes: theme.sections.map((s) => ({ type: s.type, name: s.name })),
        canAddSection: draft.sections.length < 20,
        publishedVersion: state.publishedVersion,
        versions,
        versionsKept: VERSIONS_KEPT,
        errors,
        saved: req.query.saved === '1',
      },
      { status: errors ? 422 : 200 },
    );
  }
}
