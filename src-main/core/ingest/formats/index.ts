import type { DetectedLayout } from '../types.ts';
import { createGenericConverter } from './generic.ts';
import { createOnlineRetailConverter } from './online-retail.ts';
import { createPlatformConverter, platformProfile } from './platforms/index.ts';
import type { RowConverter } from './row-result.ts';
import { createShopifyConverter } from './shopify-orders.ts';

export { isRejection, type RowConverter, type RowRejection, type RowResult } from './row-result.ts';

/** Picks the row converter of the detected format; sample rows tune per-file choices such as date order. */
export function createRowConverter(layout: DetectedLayout, sampleRows: readonly string[][]): RowConverter {
  switch (layout.format) {
    case 'online-retail':
    case 'online-retail-ii':
      return createOnlineRetailConverter(layout, sampleRows);
    case 'shopify-orders':
      return createShopifyConverter(layout, sampleRows);
    case 'generic':
      return createGenericConverter(layout, sampleRows);
    default: {
      const profile = platformProfile(layout.format);
      if (profile === undefined) throw new Error(`no order converter for format ${layout.format}`);
      return createPlatformConverter(profile, layout, sampleRows);
    }
  }
}
