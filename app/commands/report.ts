/**
 * `report --week <YYYY-Www> --format html|pdf|csv --out <file> [--lang vi|en]` → writes the weekly report
 * of that ISO week (docs/contracts.md). The same week and data give the same file.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createDb } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { assembleWeeklyReport, renderCsv, renderHtml, renderPdf } from '../../workers/reports/generate.ts';
import { isValidWeek } from '../../workers/reports/iso-week.ts';
import type { CliIo } from '../cli.ts';
import { loadConfig } from '../config.ts';

const USAGE =
  'usage: npm run --silent cli -- report --week <YYYY-Www> --format html|pdf|csv --out <file> [--lang vi|en]';
const FORMATS = ['html', 'pdf', 'csv'] as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  let values: { week?: string; format?: string; out?: string; lang?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        week: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string', default: 'vi' },
      },
    }));
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { week, format, out, lang } = values;
  if (!week || !isValidWeek(week)) {
    io.stderr(`--week must be an ISO week such as 2026-W47\n${USAGE}`);
    return 2;
  }
  const fmt = FORMATS.find((f) => f === format);
  if (!fmt) {
    io.stderr(`--format must be html, pdf or csv\n${USAGE}`);
    return 2;
  }
  if (!out) {
    io.stderr(`--out needs a file path\n${USAGE}`);
    return 2;
  }
  if (lang !== 'vi' && lang !== 'en') {
    io.stderr(`--lang must be vi or en\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(io.env);
  const db = await createDb(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const data = await assembleWeeklyReport({
      db,
      week,
      lang,
      k: config.SUPPRESSION_K,
      tz: config.TZ_REPORTS,
      now: Date.now(),
    });
    const body = fmt === 'pdf' ? await renderPdf(data) : fmt === 'html' ? renderHtml(data) : renderCsv(data);
    await writeFile(out, body);
    io.stderr(`wrote ${fmt.toUpperCase()} report for ${week} (${lang}) to ${out}`);
    return 0;
  } finally {
    await db.close();
  }
}
