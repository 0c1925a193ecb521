import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLE_FILE = /^online-retail-\d{4}-\d{2}\.csv\.gz$/;

/**
 * Folder of the bundled resources: SHOPREC_RESOURCES_DIR when set (packaged apps put resources
 * outside the code bundle), otherwise `resources/` at the repository root.
 */
function resourcesDir(): string {
  const override = process.env.SHOPREC_RESOURCES_DIR;
  if (override) return path.resolve(override);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');
}

/**
 * Returns the absolute paths of the bundled sample shop's monthly order exports, oldest month
 * first (the names sort by month). An empty list means the sample shop is not installed.
 */
export function sampleShopFiles(): string[] {
  const dir = path.join(resourcesDir(), 'sample-shop');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => SAMPLE_FILE.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}
