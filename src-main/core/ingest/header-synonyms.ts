/**
 * Header names of the known layouts and the synonyms that identify canonical fields in any
 * other export. Names are compared after `normaliseHeader`, so case, spaces, underscores and
 * hyphens do not matter.
 */
import type { CanonicalField } from '../../api/contract.ts';

export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-\u3000]+/g, '');
}

export const ONLINE_RETAIL_COLUMNS = {
  orderId: 'InvoiceNo',
  sku: 'StockCode',
  title: 'Description',
  quantity: 'Quantity',
  orderedAt: 'InvoiceDate',
  unitPrice: 'UnitPrice',
  customerId: 'CustomerID',
  country: 'Country',
} as const satisfies Partial<Record<CanonicalField, string>>;

export const ONLINE_RETAIL_II_COLUMNS = {
  orderId: 'Invoice',
  sku: 'StockCode',
  title: 'Description',
  quantity: 'Quantity',
  orderedAt: 'InvoiceDate',
  unitPrice: 'Price',
  customerId: 'Customer ID',
  country: 'Country',
} as const satisfies Partial<Record<CanonicalField, string>>;

/** The Shopify columns this importer reads; a file must have the first four to count as Shopify. */
export const SHOPIFY_COLUMNS = {
  orderId: 'Name',
  orderedAt: 'Created at',
  quantity: 'Lineitem quantity',
  title: 'Lineitem name',
  unitPrice: 'Lineitem price',
  sku: 'Lineitem sku',
  customerId: 'Email',
  status: 'Financial Status',
  currency: 'Currency',
  country: 'Billing Country',
} as const satisfies Partial<Record<CanonicalField, string>>;

export const SHOPIFY_REQUIRED: readonly CanonicalField[] = ['orderId', 'orderedAt', 'quantity', 'title'];

/** Shopify columns without a canonical field that the Shopify reader still uses. */
export const SHOPIFY_EXTRA_COLUMNS = { cancelledAt: 'Cancelled at', shippingCountry: 'Shipping Country' } as const;

/**
 * Synonyms per canonical field, most specific first: when several headers match one field, the
 * header matching the earlier synonym wins (`Order Date` beats `Time`, `Customer ID` beats `Email`).
 */
export const FIELD_SYNONYMS: Readonly<Record<CanonicalField, readonly string[]>> = {
  orderId: [
    'order id', 'order no', 'order number', 'order #', 'order', 'invoice no', 'invoice', 'transaction id',
    '订单号', '订单编号', '主订单编号', '子订单编号', '订单id', '交易号',
  ],
  sku: [
    'sku', 'product code', 'item code', 'stock code', 'product id', 'item id', 'variant sku',
    '商品编码', '商家编码', '商品id', '货号', '宝贝id', '商品编号',
  ],
  title: [
    'product name', 'item name', 'product title', 'title', 'product', 'item', 'description',
    '商品名称', '宝贝标题', '商品标题', '宝贝名称', '商品',
  ],
  quantity: ['quantity', 'qty', 'units', '数量', '购买数量', '商品数量', '宝贝数量'],
  unitPrice: ['unit price', 'price', 'item price', '单价', '商品单价', '价格', '商品价格'],
  lineAmount: [
    'line total', 'line amount', 'amount', 'total', 'subtotal', '实付金额', '应付金额', '金额', '小计', '商品总价',
  ],
  orderedAt: [
    'order date', 'order time', 'created at', 'date', 'time', 'invoice date',
    '下单时间', '订单创建时间', '创建时间', '付款时间', '成交时间', '订单时间', '日期',
  ],
  customerId: [
    'customer id', 'buyer id', 'user id', 'customer', 'buyer', 'email', 'customer email',
    '买家id', '用户id', '买家会员名', '会员名', '买家昵称', '买家', '客户', '客户id',
  ],
  customerName: ['customer name', 'buyer name', '收货人', '收货人姓名', '客户名称'],
  country: ['country', 'billing country', 'shipping country', '国家', '省份', '收货地区'],
  currency: ['currency', '币种', '货币'],
  status: ['order status', 'status', 'financial status', '订单状态', '交易状态'],
};

/** Every normalised header name of every layout, for finding the header row below a preamble. */
export const KNOWN_HEADER_NAMES: ReadonlySet<string> = new Set(
  [
    ...Object.values(ONLINE_RETAIL_COLUMNS),
    ...Object.values(ONLINE_RETAIL_II_COLUMNS),
    ...Object.values(SHOPIFY_COLUMNS),
    ...Object.values(SHOPIFY_EXTRA_COLUMNS),
    ...Object.values(FIELD_SYNONYMS).flat(),
  ].map(normaliseHeader),
);
