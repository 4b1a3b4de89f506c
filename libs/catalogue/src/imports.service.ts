import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SignedInUser } from '#libs/identity';
import { SellerAccess } from '#libs/sellers';
import { invalid, JobHandler, JobQueue, LOGGER, notFound, type Logger } from '#libs/platform';
import { parseCatalogueCsv } from './catalogue-csv.js';
import { CategoriesService } from './categories.service.js';
import { CatalogueImport } from './import.entity.js';
import { ProductBulkWriter } from './product-bulk-writer.js';

const CHUNK = 500;

export interface ImportView {
  id: string;
  sellerId: string;
  fileName: string;
  status: CatalogueImport['status'];
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: CatalogueImport['errors'];
  createdAt: Date;
}

const toView = (row: CatalogueImport): ImportView => ({
  id: row.id,
  sellerId: row.sellerId,
  fileName: row.fileName,
  status: row.status,
  total: row.total,
  processed: row.processed,
  created: row.created,
  updated: row.updated,
  errors: row.errors,
  createdAt: row.createdAt,
});

/** CSV bulk imports: queued from the API, run by the worker (or the CLI) in chunks of one transaction each. */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: SellerAccess,
    private readonly categories: CategoriesService,
    private readonly writer: ProductBulkWriter,
    private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async submit(user: SignedInUser, sellerId: string, file: { buffer: Buffer; originalname: string } | undefined): Promise<{ id: string; status: 'queued' }> {
    await this.access.assertCanManage(user, sellerId);
    if (!file) throw invalid('file', 'is required (multipart field "file")');
    return { id: await this.create(sellerId, file, user.id, true), status: 'queued' };
  }

  /** Stores the file and, unless the caller runs it itself (CLI), queues the job in the same transaction. */
  async create(sellerId: string, file: { buffer: Buffer; originalname: string }, actorId: string | null, queue: boolean): Promise<string> {
    const source = file.buffer.toString('utf8');
    if (source.includes('\uFFFD') || source.includes('\u0000')) throw invalid('file', 'must be a UTF-8 CSV file');
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(CatalogueImport).save(
        manager.getRepository(CatalogueImport).create({ sellerId, actorId, fileName: file.originalname.slice(0, 200) || 'import.csv', source, status: 'queued', total: 0, processed: 0, created: 0, updated: 0, errors: [] }),
      );
      if (queue) await this.jobs.enqueue('catalogue.import', { importId: row.id }, { manager, dedupeKey: `catalogue.import:${row.id}`, maxAttempts: 3 });
      return row.id;
    });
  }

  @JobHandler('catalogue.import')
  async handle(payload: Record<string, unknown>): Promise<void> {
    await this.run(String(payload.importId));
  }

  /** Parses, then writes chunk by chunk, updating progress; a retry starts over (upserts make that safe). */
  async run(importId: string, onProgress?: (processed: number, total: number) => void): Promise<ImportView> {
    const repo = this.dataSource.getRepository(CatalogueImport);
    const [claimed] = await this.dataSource.query(
      `UPDATE imports SET status = 'running', processed = 0, created = 0, updated = 0, errors = '[]', updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING seller_id, actor_id, source`,
      [importId],
    ).then((result: unknown[]) => (Array.isArray(result[0]) ? (result[0] as Array<{ seller_id: string; actor_id: string | null; source: string }>) : []));
    if (!claimed) throw new Error(`import ${importId} is not waiting to run`);
    try {
      const slugs = new Set((await this.categories.all()).map((c) => c.slug));
      const parsed = parseCatalogueCsv(claimed.source, slugs);
      await repo.update({ id: importId }, { total: parsed.total, errors: parsed.errors });
      let processed = parsed.errors.length ? new Set(parsed.errors.map((e) => e.row)).size : 0;
      onProgress?.(processed, parsed.total);
      for (let start = 0; start < parsed.products.length; start += CHUNK) {
        const chunk = parsed.products.slice(start, start + CHUNK);
        processed += chunk.reduce((sum, p) => sum + p.rows.length, 0);
        await this.dataSource.transaction(async (manager) => {
          const result = await this.writer.upsert(manager, claimed.seller_id, chunk, { reason: 'import', referenceId: importId, actorId: claimed.actor_id });
          await manager.query(`UPDATE imports SET processed = $2, created = created + $3, updated = updated + $4, updated_at = now() WHERE id = $1`, [
            importId,
            processed,
            result.created,
            result.updated,
          ]);
        });
        onProgress?.(processed, parsed.total);
      }
      await repo.update({ id: importId }, { status: 'done', processed: parsed.total, source: null });
    } catch (error) {
      this.logger.error({ err: error, importId }, 'catalogue import failed');
      await this.dataSource.query(
        `UPDATE imports SET status = 'failed', errors = errors || $2::jsonb, updated_at = now() WHERE id = $1`,
        [importId, JSON.stringify([{ row: 0, field: 'file', message: 'the import stopped on an unexpected error; rows before it were saved' }])],
      );
    }
    return toView((await repo.findOneBy({ id: importId }))!);
  }

  /** The import's progress, for its seller's managers only (404 for everyone else). */
  async view(user: SignedInUser, id: string): Promise<ImportView> {
    const row = await this.dataSource.getRepository(CatalogueImport).findOneBy({ id });
    if (!row) throw notFound('Import');
    const allowed = await this.access.manageable(user, [row.sellerId]);
    if (!allowed.has(row.sellerId)) throw notFound('Import');
    return toView(row);
  }
}
