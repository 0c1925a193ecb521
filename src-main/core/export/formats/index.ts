import type { ExportFormat } from '../../../api/contract.ts';
import { customersFormat } from './customers.ts';
import { emailKlaviyoFormat } from './email-klaviyo.ts';
import { emailMailchimpFormat } from './email-mailchimp.ts';
import { itemsFormat } from './items.ts';
import { magentoLinksFormat } from './magento-links.ts';
import { prestashopAccessoriesFormat } from './prestashop-accessories.ts';
import { reviewWorksheetZhFormat } from './review-worksheet-zh.ts';
import { shopifyProductsFormat } from './shopify-products.ts';
import type { FormatWriter } from './types.ts';
import { woocommerceProductsFormat } from './woocommerce-products.ts';

export const FORMAT_WRITERS: Record<ExportFormat, FormatWriter> = {
  customers: customersFormat,
  items: itemsFormat,
  'woocommerce-products': woocommerceProductsFormat,
  'shopify-products': shopifyProductsFormat,
  'magento-links': magentoLinksFormat,
  'prestashop-accessories': prestashopAccessoriesFormat,
  'email-klaviyo': emailKlaviyoFormat,
  'email-mailchimp': emailMailchimpFormat,
  'review-worksheet-zh': reviewWorksheetZhFormat,
};
