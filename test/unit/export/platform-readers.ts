/**
 * How each target platform's importer reads the list cells of our exports, as far as the export
 * formats document it. The export tests re-read files with these to check that a platform gets
 * back exactly the SKUs or handles that were written.
 */

/** Characters PHP's trim() removes by default: space, tab, LF, CR, NUL and vertical tab. */
const PHP_TRIM = /^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g;

/**
 * WooCommerce's explode_values (WC_Product_Importer, since 3.2): `\,` is swapped for a
 * placeholder, the cell is split on ",", and each value gets its commas back and is trimmed
 * with PHP's trim().
 */
export function wooList(cell: string): string[] {
  if (cell === '') return [];
  return cell
    .replaceAll('\\,', '::separator::')
    .split(',')
    .map((value) => value.replaceAll('::separator::', ',').replace(PHP_TRIM, ''));
}

/** Magento and PrestaShop split list cells on the multiple value separator, "," by default. */
export function separatorList(cell: string): string[] {
  return cell === '' ? [] : cell.split(',');
}

/** Shopify list.product_reference cells hold handles separated by "; ". */
export function shopifyHandleList(cell: string): string[] {
  return cell === '' ? [] : cell.split('; ');
}

/** What a Shopify handle may contain: letters and digits of any script and "_", joined by single hyphens. */
export const SHOPIFY_HANDLE = /^[\p{L}\p{N}_]+(-[\p{L}\p{N}_]+)*$/u;
