/**
 * `npm run import -- customers.csv [--rejects rejects.csv] [--country ES] [--batch 500]`
 * Streams an existing CRM export into the golden record (matching on customer number, phone or
 * email) with a progress bar on stderr. Bad rows go to the rejects file (default
 * `<input>.rejects.csv`) with their line number and reason; the good rows are still imported.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js/max';
import { databaseOptionsFromEnv, openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { csvLine } from '../import/csv';
import { importCustomers } from '../import/upsert';
import { integerOption, parseArgs, progressBar } from './args';

const USAGE = 'usage: npm run import -- customers.csv [--rejects rejects.csv] [--country ES] [--batch 500]';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ['rejects', 'country', 'batch'], flags: ['help'] });
  if (args.options.has('help')) {
    console.log(USAGE);
    return;
  }
  const [input, ...extra] = args.positional;
  if (!input || extra.length > 0) throw new Error('give exactly one CSV file to import');
  const size = statSync(input).size;
  const country = String(args.options.get('country') ?? 'ES').toUpperCase();
  if (!isSupportedCountry(country)) throw new Error(`--country ${country} is not a known ISO country code`);
  const rejectsPath = String(args.options.get('rejects') ?? `${input.replace(/\.csv$/i, '')}.rejects.csv`);
  const batchSize = Math.max(1, integerOption(args, 'batch', 500));

  const db = await openDatabase(databaseOptionsFromEnv());
  const rejects = createWriteStream(rejectsPath);
  rejects.write(csvLine(['line', 'reason', 'row']));
  let bytesRead = 0;
  const bar = progressBar(`importing ${input}`);
  try {
    await migrate(db);
    const stream = createReadStream(input);
    stream.on('data', (chunk) => { bytesRead += chunk.length; });
    const result = await importCustomers(db, stream, {
      defaultCountry: country as CountryCode,
      batchSize,
      onReject: async (line, reason, fields) => {
        if (!rejects.write(csvLine([line, reason, fields.join(',')]))) await once(rejects, 'drain');
      },
      onProgress: () => bar.update(bytesRead, size, ' B'),
    });
    bar.finish();
    console.log(`read ${result.rows} rows: ${result.inserted} new customers, ${result.updated} updated, ${result.rejected} rejected`
      + (result.rejected > 0 ? ` (see ${rejectsPath})` : ''));
  } finally {
    rejects.end();
    await once(rejects, 'close');
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`import failed: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(1);
});
