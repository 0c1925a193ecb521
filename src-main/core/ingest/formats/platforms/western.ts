/**
 * Order exports of WooCommerce, Amazon, Etsy, eBay, Shopee and Lazada. Confidence follows the
 * evidence we had for each layout: [V] the platform's own code or a real export, [T] importers
 * written by people who parse the real file, [I] inferred and unconfirmed by a real file.
 */
import { parseProductList } from './item-lists.ts';
import type { PlatformProfile } from './profile.ts';

/** WooCommerce Analytics → Orders download [V]: one row per order, products in one cell. */
export const WOOCOMMERCE_ANALYTICS: PlatformProfile = {
  format: 'woocommerce-analytics',
  signature: [['Order #'], ['Product(s)'], ['Items sold'], ['Net Sales', 'N. Revenue']],
  columns: {
    orderId: ['Order #'],
    orderedAt: ['Date'],
    lineAmount: ['Net Sales', 'N. Revenue'],
  },
  // The report names the customer but gives no e-mail or ID, so names are the only buyer key.
  customer: ['Customer'],
  statusColumns: ['Status'],
  // NOTE: [I] `failed` payments are treated like cancellations: no sale happened.
  returnStatus: /^(?:refunded|cancell?ed|failed)$/i,
  itemList: { column: 'Product(s)', parse: parseProductList },
};

/**
 * "Advanced Order Export For WooCommerce" (woo-order-export-lite) with products as rows [V
 * labels, I column order]. Order fields repeat on item rows only when "populate other columns"
 * is on, so they carry forward either way.
 */
export const WOOCOMMERCE_ORDER_EXPORT: PlatformProfile = {
  format: 'woocommerce-order-export',
  signature: [['Order Number', 'Order ID'], ['Order Date'], ['Item Name', 'SKU'], ['Quantity (- Refund)', 'Quantity'], ['Item Cost']],
  columns: {
    orderId: ['Order Number', 'Order ID'],
    orderedAt: ['Order Date', 'Paid Date'],
    sku: ['SKU', 'Product Id'],
    title: ['Item Name'],
    // `Quantity (- Refund)` nets out refunded units; the plain `Quantity` column is the original count.
    quantity: ['Quantity (- Refund)', 'Quantity'],
    unitPrice: ['Item Cost'],
    currency: ['Currency'],
    country: ['Country Code (Billing)', 'Country Code (Shipping)'],
  },
  customer: ['Customer User ID', 'Email (Billing)'],
  statusColumns: ['Order Status'],
  returnStatus: /refunded|cancell?ed|failed/i,
  orderFieldsOnFirstRowOnly: true,
};

/** Amazon Seller Central "All Orders" flat file [V header, T semantics]: TSV, one row per item. */
export const AMAZON_ALL_ORDERS: PlatformProfile = {
  format: 'amazon-all-orders',
  signature: [['amazon-order-id'], ['purchase-date'], ['asin'], ['quantity'], ['item-price']],
  columns: {
    orderId: ['amazon-order-id'],
    orderedAt: ['purchase-date'],
    sku: ['sku', 'asin'],
    productId: ['asin'],
    title: ['product-name'],
    quantity: ['quantity'],
    // NOTE: [T] item-price is the line total (quantity × unit price) according to one SP-API
    // client; no Amazon document we could read confirms it.
    lineAmount: ['item-price'],
    currency: ['currency'],
    country: ['ship-country'],
  },
  // The report carries no buyer name, e-mail or ID, so every line is anonymous.
  statusColumns: ['item-status', 'order-status'],
  returnStatus: /^cancell?ed$/i,
};

/**
 * Etsy "Sold Order Items" CSV [T ×5]: one row per transaction. Dates are MM/DD/YY; the items
 * file has no status column, so returns show only in the Etsy Payments CSV.
 */
export const ETSY_ORDER_ITEMS: PlatformProfile = {
  format: 'etsy-order-items',
  signature: [['Sale Date'], ['Item Name'], ['Transaction ID'], ['Listing ID'], ['Order ID'], ['Quantity']],
  columns: {
    orderId: ['Order ID'],
    orderedAt: ['Sale Date'],
    sku: ['SKU', 'Listing ID'],
    productId: ['Listing ID'],
    title: ['Item Name'],
    quantity: ['Quantity'],
    unitPrice: ['Price'],
    currency: ['Currency'],
    country: ['Ship Country', 'Delivery Country'],
  },
  customer: ['Buyer'],
  lineKey: ['Transaction ID'],
  dayFirst: false,
};

/**
 * eBay Seller Hub "Orders" report [T ×4]. Multi-item orders start with a summary row that has
 * the buyer and totals but no item. The item rows after it may leave the buyer blank.
 */
export const EBAY_ORDERS: PlatformProfile = {
  format: 'ebay-orders',
  signature: [['Sales Record Number', 'Verkaufsprotokollnummer'], ['Item Number', 'Artikelnummer'], ['Quantity', 'Anzahl'], ['Sold For', 'Verkauft für']],
  columns: {
    orderId: ['Order Number', 'Bestellnummer', 'Sales Record Number', 'Verkaufsprotokollnummer'],
    orderedAt: ['Sale Date', 'Verkauft am', 'Paid On Date'],
    sku: ['Custom Label', 'Item Number', 'Artikelnummer'],
    productId: ['Item Number', 'Artikelnummer'],
    title: ['Item Title', 'Artikelbezeichnung'],
    quantity: ['Quantity', 'Anzahl'],
    unitPrice: ['Sold For', 'Verkauft für'],
    country: ['Ship To Country', 'Buyer Country'],
  },
  customer: ['Buyer Username', 'Käufername', 'Buyer Email'],
  lineKey: ['Transaction ID'],
  orderFieldsOnFirstRowOnly: true,
  summaryRowWithoutItem: true,
};

/**
 * Shopee Seller Centre order export [T for Order ID, Return / Refund Status, Product Name, SKU
 * Reference No., Variation Name, Quantity; I for every other column]. Order IDs start with
 * the order date as YYMMDD, which is used when no date column is present.
 */
export const SHOPEE_ORDERS: PlatformProfile = {
  format: 'shopee-orders',
  signature: [['Order ID'], ['Return / Refund Status'], ['SKU Reference No.', 'Product Name'], ['Quantity']],
  columns: {
    orderId: ['Order ID'],
    orderedAt: ['Order Creation Date', 'Order Paid Time'],
    sku: ['SKU Reference No.', 'Parent SKU Reference No.', 'Product Name'],
    title: ['Product Name'],
    quantity: ['Quantity'],
    unitPrice: ['Deal Price', 'Original Price'],
  },
  customer: ['Username (Buyer)', 'Buyer Username'],
  statusColumns: ['Return / Refund Status', 'Order Status'],
  returnStatus: /refund|return|cancel/i,
  orderIdStartsWithDate: true,
};

/**
 * Lazada Seller Center order export [I: no real file seen]. Column names follow Lazada's order
 * API (`order_item_id`, `seller_sku`, `item_price`); header comparison ignores case and
 * underscores, so `orderItemId` matches too.
 */
export const LAZADA_ORDERS: PlatformProfile = {
  format: 'lazada-orders',
  signature: [['order_item_id', 'orderItemId'], ['order_number', 'orderNumber'], ['seller_sku', 'sellerSku']],
  lineKey: ['order_item_id', 'orderItemId'],
  columns: {
    orderId: ['order_number', 'orderNumber'],
    orderedAt: ['created_at', 'createTime'],
    sku: ['seller_sku', 'sellerSku', 'shop_sku', 'shopSku'],
    title: ['name', 'itemName'],
    unitPrice: ['item_price', 'unitPrice', 'paid_price', 'paidPrice'],
    currency: ['currency'],
  },
  customer: ['customer_name', 'customerName', 'customer_email', 'customerEmail'],
  statusColumns: ['status'],
  returnStatus: /cancel|return|refund|failed/i,
};
