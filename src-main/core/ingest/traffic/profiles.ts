/**
 * Traffic and product-performance reports, recognised by their header names like the order
 * exports. Each metric lists its candidate columns, best first; a report that lacks a metric
 * leaves it null (Amazon and 生意参谋 give no impressions or clicks, GA4 no visitors).
 */
import type { TrafficFormat } from '../../../api/contract.ts';

export type TrafficMetric =
  | 'impressions'
  | 'clicks'
  | 'visitors'
  | 'pageViews'
  | 'addToCarts'
  | 'orders'
  | 'units'
  | 'revenue';

export const TRAFFIC_METRICS: readonly TrafficMetric[] = [
  'impressions', 'clicks', 'visitors', 'pageViews', 'addToCarts', 'orders', 'units', 'revenue',
];

export interface TrafficProfile {
  format: TrafficFormat;
  /** Every group must have one column present. */
  signature: readonly (readonly string[])[];
  /** Columns that identify the item (SKU, ASIN, 商品ID), best first. */
  itemKeys: readonly string[];
  title: readonly string[];
  /** A landing page path `/products/{handle}` names the item by its handle (Shopify). */
  landingPath?: readonly string[];
  /** Rows whose page type is given and is not a product page are skipped (Shopify). */
  pageType?: readonly string[];
  day: readonly string[];
  metrics: Partial<Record<TrafficMetric, readonly string[]>>;
}

/**
 * Amazon Business Reports → Detail Page Sales and Traffic (By Child Item) [T ×5]. One date range
 * per file and no date column; sessions stand for visitors. Older files lack the `- Total`
 * suffix, and some localised ones write an en dash.
 */
export const AMAZON_SALES_TRAFFIC: TrafficProfile = {
  format: 'amazon-sales-traffic',
  signature: [['(Child) ASIN'], ['Sessions - Total', 'Sessions – Total', 'Sessions'], ['Units Ordered']],
  itemKeys: ['SKU', '(Child) ASIN', '(Parent) ASIN'],
  title: ['Title'],
  day: ['Date'],
  metrics: {
    visitors: ['Sessions - Total', 'Sessions – Total', 'Sessions'],
    pageViews: ['Page Views - Total', 'Page Views – Total', 'Page Views'],
    units: ['Units Ordered'],
    orders: ['Total Order Items', 'Orders Placed'],
    revenue: ['Ordered Product Sales', 'Gross Product Sales'],
  },
};

/**
 * 生意参谋 商品明细 export [T ×6]: title rows above the header, one row per 统计日期 and 商品ID.
 * 支付买家数 stands for orders, so orders / visitors equals 商品支付转化率. 展现量 and 点击量
 * come only from the ad tools' reports and are read when a merchant's file has them [I].
 */
export const TAOBAO_PRODUCT_PERFORMANCE: TrafficProfile = {
  format: 'taobao-product-performance',
  signature: [['商品ID'], ['商品访客数'], ['支付件数', '支付买家数', '支付金额']],
  itemKeys: ['商品ID', '货号'],
  title: ['商品名称'],
  day: ['统计日期', '日期'],
  metrics: {
    impressions: ['展现量', '曝光量'],
    clicks: ['点击量'],
    visitors: ['商品访客数'],
    pageViews: ['商品浏览量'],
    addToCarts: ['商品加购件数', '商品加购人数'],
    orders: ['支付买家数'],
    units: ['支付件数'],
    revenue: ['支付金额'],
  },
};

/**
 * Shopify Analytics report export [T ×4 for the landing-page report, I for the product report's
 * column names]. Sessions stand for visitors and completed checkouts for orders.
 */
export const SHOPIFY_ANALYTICS: TrafficProfile = {
  format: 'shopify-analytics',
  signature: [
    ['Landing page path', 'Product title', 'Product variant SKU'],
    ['Sessions', 'Online store visitors', 'Product views'],
    ['Sessions with cart additions', 'Sessions that completed checkout', 'Conversion rate'],
  ],
  itemKeys: ['Product variant SKU'],
  title: ['Product title'],
  landingPath: ['Landing page path'],
  pageType: ['Landing page type'],
  day: ['Day', 'Date'],
  metrics: {
    visitors: ['Online store visitors', 'Sessions'],
    pageViews: ['Product views', 'Pageviews'],
    addToCarts: ['Sessions with cart additions'],
    orders: ['Sessions that completed checkout', 'Orders'],
    units: ['Net items sold', 'Quantity ordered'],
    revenue: ['Total sales', 'Net sales'],
  },
};

/**
 * GA4 e-commerce item report [T ×2; the `#` comment block with Start date / End date is I].
 * `Items viewed in list` and `Items clicked in list` are the impressions and clicks of product
 * lists, present only where the shop sends view_item_list and select_item events.
 */
export const GA4_ITEMS: TrafficProfile = {
  format: 'ga4-items',
  signature: [['Item name', 'Item ID'], ['Items viewed', 'Items viewed in list'], ['Items purchased', 'Items added to cart']],
  itemKeys: ['Item ID'],
  title: ['Item name'],
  day: ['Date'],
  metrics: {
    impressions: ['Items viewed in list'],
    clicks: ['Items clicked in list'],
    pageViews: ['Items viewed'],
    addToCarts: ['Items added to cart'],
    units: ['Items purchased'],
    revenue: ['Item revenue'],
  },
};

export const TRAFFIC_PROFILES: readonly TrafficProfile[] = [
  AMAZON_SALES_TRAFFIC,
  TAOBAO_PRODUCT_PERFORMANCE,
  SHOPIFY_ANALYTICS,
  GA4_ITEMS,
];

export function trafficProfile(format: string): TrafficProfile | undefined {
  return TRAFFIC_PROFILES.find((profile) => profile.format === format);
}

export function isTrafficFormat(format: string): boolean {
  return trafficProfile(format) !== undefined;
}

export function trafficHeaderNames(): string[] {
  const names: string[] = [];
  for (const profile of TRAFFIC_PROFILES) {
    names.push(...profile.signature.flat(), ...profile.itemKeys, ...profile.title, ...profile.day);
    names.push(...(profile.landingPath ?? []), ...(profile.pageType ?? []), ...Object.values(profile.metrics).flat());
  }
  return names;
}
