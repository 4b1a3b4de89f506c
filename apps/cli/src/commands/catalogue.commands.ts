import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportsService } from '#libs/catalogue';
import { SellersService } from '#libs/sellers';
import { withApp } from '../context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerCatalogueCommands(program: Command): void {
  program
    .command('import')
    .description("Import a catalogue CSV into a seller's products (columns as in API.md; rows with one handle are one product)")
    .requiredOption('--seller <idOrSlug>', 'the seller, by id or slug')
    .argument('<file>', 'the CSV file (UTF-8, header row)')
    .action(async (file: string, options: { seller: string }) => {
      const buffer = await readFile(file);
      await withApp(async (app) => {
        const sellers = app.get(SellersService);
        const seller = UUID.test(options.seller) ? await sellers.findById(options.seller) : await sellers.findBySlug(options.seller);
        if (!seller) throw new Error(`No seller ${options.seller}`);
        const imports = app.get(ImportsService);
        const id = await imports.create(seller.id, { buffer, originalname: basename(file) }, null, false);
        const bar = new SingleBar({ format: `${seller.name} [{bar}] {percentage}% | {value}/{total} rows`, hideCursor: true }, Presets.shades_classic);
        bar.start(1, 0);
        const started = Date.now();
        const result = await imports.run(id, (processed, total) => {
          bar.setTotal(Math.max(total, 1));
          bar.update(processed);
        });
        bar.stop();
        const seconds = (Date.now() - started) / 1000;
        console.log(`Import ${result.status} in ${seconds.toFixed(1)} s: ${result.created} created, ${result.updated} updated, ${result.errors.length} problem(s).`);
        for (const error of result.errors.slice(0, 50)) console.log(`  row ${error.row}, ${error.field}: ${error.message}`);
        if (result.errors.length > 50) console.log(`  … and ${result.errors.length - 50} more`);
        if (result.status !== 'done') process.exitCode = 1;
      });
    });
}
