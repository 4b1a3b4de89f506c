import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SignedInUser } from '#libs/identity';
import { SellerAccess } from '#libs/sellers';
import { defineJob, invalid, JobHandler, JobQueue, LOGGER, notFound, type Logger } from '#libs/platform';
import { MAX_CSV_FIELDS, readCatalogueCsv } from './catalogue-csv.js';
import { CategoriesService } from '../categories/categories.service.js';
import { outlineCsv } from './csv-outline.js';
import { CatalogueImport } from './import.entity.js';
import { ProductBulkWriter } from './product-bulk-writer.js';

const CHUNK = 500;
/** `catalogue.import` `{ importId }`: a queued CSV import, parsed as a stream by the worker; a retry starts over (upserts). */
export const ImportJob = defineJob<{ importId: string }>('catalogue.import', { maxAttempts: 3 });
/** Data rows one upload may hold (operators' CLI imports take any number). */
export const MAX_IMPORT_ROWS = 5_000;

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

/** CSV bulk imports: stored and queued by the web process, read and written by the worker (or the CLI) in chunks of one transaction each. */
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
    return { id: await this.create(sellerId, file, user.id, true, MAX_IMPORT_ROWS), status: 'queued' };
  }

  /**
   * Counts the file's rows and fields without parsing it (refusing more than `maxRows`), stores it
   * with that count as the progress total and, unless the caller runs it itself (CLI), queues the
   * job in the same transaction.
   */
  async create(sellerId: string, file: { buffer: Buffer; originalname: string }, actorId: string | null, queue: boolean, maxRows = Number.POSITIVE_INFINITY): Promise<string> {
    const source = file.buffer.toString('utf8');
    if (source.includes('\uFFFD') || source.includes('\u0000')) throw invalid('file', 'must be a UTF-8 CSV file');
    const outline = outlineCsv(file.buffer);
    const total = Math.max(outline.rows - 1, 0);
    if (total > maxRows) throw invalid('file', `has ${total} rows; at most ${maxRows} can be imported at once (split the file)`);
    if (outline.maxFields > MAX_CSV_FIELDS) throw invalid('file', `has a row of ${outline.maxFields} fields; at most ${MAX_CSV_FIELDS}`);
    return this.dataSource.transaction(async (manager) => {
      const row = await manager
        .getRepository(CatalogueImport)
        .save(
          manager
            .getRepository(CatalogueImport)
            .create({ sellerId, actorId, fileName: file.originalname.slice(0, 200) || 'import.csv', source, status: 'queued', total, processed: 0, created: 0, updated: 0, errors: [] }),
        );
      if (queue) await this.jobs.enqueue(ImportJob, { importId: row.id }, { manager, dedupeKey: `${ImportJob.name}:${row.id}` });
      return row.id;
    });
  }

  @JobHandler(ImportJob)
  async handle(payload: { importId: string }): Promise<void> {
    await this.run(String(payload.importId));
  }

  /**
   * Reads the stored file as a stream and writes it chunk by chunk as it goes, updating progress;
   * a retry starts over (upserts make that safe).
   */
  async run(importId: string, onProgress?: (processed: number, total: number) => void): Promise<ImportView> {
    const repo = this.dataSource.getRepository(CatalogueImport);
    const [claimed] = await this.dataSource
      .query(
        `UPDATE imports SET status = 'running', processed = 0, created = 0, updated = 0, errors = '[]', updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING seller_id, actor_id, source, total`,
        [importId],
      )
      .then((result: unknown[]) => (Array.isArray(result[0]) ? (result[0] as Array<{ seller_id: string; actor_id: string | null; source: string; total: number }>) : []));
    if (!claimed) throw new Error(`import ${importId} is not waiting to run`);
    try {
      const slugs = new Set((await this.categories.all()).map((c) => c.slug));
      let processed = 0;
      onProgress?.(processed, claimed.total);
      for await (const chunk of readCatalogueCsv(Buffer.from(claimed.source, 'utf8'), slugs, CHUNK)) {
        processed += chunk.rows;
        await this.dataSource.transaction(async (manager) => {
          const result = await this.writer.upsert(manager, claimed.seller_id, chunk.products, { reason: 'import', referenceId: importId, actorId: claimed.actor_id });
          await manager.query(`UPDATE imports SET processed = $2, created = created + $3, updated = updated + $4, errors = errors || $5::jsonb, updated_at = now() WHERE id = $1`, [
            importId,
            processed,
            result.created,
            result.updated,
            JSON.stringify(chunk.errors),
          ]);
        });
        onProgress?.(processed, claimed.total);
      }
      await repo.update({ id: importId }, { status: 'done', processed: claimed.total, source: null });
    } catch (error) {
      this.logger.error({ err: error, importId }, 'catalogue import failed');
      await this.dataSource.query(`UPDATE imports SET status = 'failed', errors = errors || $2::jsonb, updated_at = now() WHERE id = $1`, [
        importId,
        JSON.stringify([{ row: 0, field: 'file', message: 'the import stopped on an unexpected error; rows before it were saved' }]),
      ]);
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
