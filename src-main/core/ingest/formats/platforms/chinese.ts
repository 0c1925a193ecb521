/**
 * Order exports of Taobao/Tmall, JD, 拼多多, 抖店 and 有赞. No official help page for these
 * exports was available, so every layout is [T] (importers and fixtures of people who parse
 * the real files) or [I] (inferred). Money is in 元 and times are China time without an offset.
 *
 * Item keys prefer the platform's product ID (商品ID) because 生意参谋 and the other traffic
 * reports identify products by it. The merchant's own code (商家编码) is the fallback.
 * Buyer keys prefer member names and nicknames over the masked receiver names and phones.
 */
import { parseTaobaoTitles } from './item-lists.ts';
import type { PlatformProfile } from './profile.ts';

/** 交易关闭 (closed, mostly refunds before shipping), 退款成功 / 已退款 / 全额退款, and cancellations. */
const CHINESE_RETURN_STATUS = /交易关闭|退款成功|已退款|全额退款|已取消|已关闭/;

/**
 * 千牛 item-level export (销售明细 sheet, ExportItemList…) [T ×3]: one row per 子订单; the
 * legacy `="…"` wrapping of IDs is unwrapped by the cell cleaning.
 */
export const TAOBAO_ORDERS: PlatformProfile = {
  format: 'taobao-orders',
  signature: [['主订单编号', '订单编号'], ['商品标题', '标题'], ['购买数量'], ['商品价格', '价格'], ['订单创建时间', '创建时间']],
  columns: {
    orderId: ['主订单编号', '订单编号'],
    orderedAt: ['订单创建时间', '创建时间', '订单付款时间'],
    productId: ['商品ID', '宝贝ID'],
    sku: ['商品ID', '宝贝ID', '商家编码', '外部系统编号'],
    title: ['商品标题', '标题'],
    quantity: ['购买数量'],
    unitPrice: ['商品价格', '价格'],
  },
  // NOTE: [I] the item-level sheet's buyer columns are not in any file we saw; these names are
  // the ones the order-level 订单报表 uses.
  customer: ['买家会员名', '买家昵称', '买家ID', '收货人姓名', '联系手机'],
  lineKey: ['子订单编号'],
  statusColumns: ['订单状态', '退款状态'],
  returnStatus: CHINESE_RETURN_STATUS,
  currency: 'CNY',
};

/**
 * Legacy 订单报表 (ExportOrderList…csv, GBK) [T ×4]: one row per order. Its 宝贝标题 joins the
 * titles with `，` and gives no quantity per product, so only orders whose quantities follow
 * from 宝贝种类 and 宝贝总数量 become lines. The report names no product ID or code, so its items
 * are keyed by title and do not join the items of the item-level export.
 */
export const TAOBAO_ORDER_REPORT: PlatformProfile = {
  format: 'taobao-order-report',
  signature: [['订单编号'], ['买家会员名'], ['宝贝标题'], ['宝贝总数量'], ['订单创建时间']],
  columns: {
    orderId: ['订单编号'],
    orderedAt: ['订单创建时间', '订单付款时间'],
    lineAmount: ['买家实际支付金额', '总金额'],
  },
  customer: ['买家会员名', '收货人姓名', '联系手机'],
  statusColumns: ['订单状态', '订单关闭原因'],
  returnStatus: CHINESE_RETURN_STATUS,
  currency: 'CNY',
  itemList: { column: '宝贝标题', parse: parseTaobaoTitles },
};

/**
 * JD POP 商家后台 order export [T ×2]: one row per SKU line; 订单金额 and 应付金额 repeat on
 * every line of an order, so only 京东价 (the unit price) is read.
 */
export const JD_ORDERS: PlatformProfile = {
  format: 'jd-orders',
  signature: [['订单号'], ['商品ID'], ['订购数量'], ['京东价'], ['下单时间']],
  columns: {
    orderId: ['订单号'],
    orderedAt: ['下单时间'],
    productId: ['商品ID'],
    sku: ['商品ID', '货号'],
    title: ['商品名称'],
    quantity: ['订购数量'],
    unitPrice: ['京东价'],
  },
  customer: ['下单帐号', '下单账号', '客户姓名', '联系电话'],
  statusColumns: ['订单状态'],
  returnStatus: CHINESE_RETURN_STATUS,
  currency: 'CNY',
};

/**
 * 拼多多 商家后台 order export [T ×6]: one row per order holding one product. IDs and times
 * carry a leading tab. 订单号 starts with the order date as YYMMDD. 售后状态 value
 * `无售后或售后取消` means no refund, so the return pattern names successful refunds only.
 */
export const PINDUODUO_ORDERS: PlatformProfile = {
  format: 'pinduoduo-orders',
  signature: [['订单号'], ['商品'], ['商品数量(件)'], ['商品id'], ['订单状态']],
  columns: {
    orderId: ['订单号'],
    orderedAt: ['订单成交时间', '支付时间'],
    productId: ['商品id'],
    sku: ['商品id', '商家编码-规格维度', '商家编码-商品维度'],
    title: ['商品'],
    quantity: ['商品数量(件)'],
    // 商品总价 is the price of all units before discounts [T].
    lineAmount: ['商品总价(元)', '用户实付金额(元)'],
  },
  // NOTE: [I] the export names no buyer; 用户购买手机号 is masked where present, so it is a weak key.
  customer: ['用户购买手机号'],
  statusColumns: ['订单状态', '售后状态'],
  returnStatus: /已取消|交易关闭|退款成功|退货退款成功|已退款/,
  currency: 'CNY',
  orderIdStartsWithDate: true,
};

/**
 * 抖店 order export [T ×5]: UTF-8 with BOM, one row per 子订单, IDs written as `"\t…"` and
 * empty cells as `-`. Buyer fields are masked or encrypted placeholders.
 */
export const DOUYIN_ORDERS: PlatformProfile = {
  format: 'douyin-orders',
  signature: [['主订单编号'], ['子订单编号'], ['选购商品'], ['商品数量'], ['订单提交时间']],
  columns: {
    orderId: ['主订单编号'],
    orderedAt: ['订单提交时间', '支付完成时间'],
    productId: ['商品ID'],
    sku: ['商品ID', '商家编码', '货号', '选购商品'],
    title: ['选购商品'],
    quantity: ['商品数量'],
    unitPrice: ['商品金额'],
    // NOTE: [I] 订单应付金额 is read as the amount of the row's sub-order, as the fixtures show.
    lineAmount: ['订单应付金额'],
  },
  customer: ['收件人', '收件人手机号'],
  lineKey: ['子订单编号'],
  statusColumns: ['订单状态', '售后状态'],
  returnStatus: CHINESE_RETURN_STATUS,
  currency: 'CNY',
};

/** 有赞 商品维度 export [T ×4]: one row per item, with 商品单价, 商品数量 and 商品退款状态. */
export const YOUZAN_ORDER_ITEMS: PlatformProfile = {
  format: 'youzan-order-items',
  signature: [['订单号'], ['商品名称'], ['商品单价'], ['商品数量'], ['订单创建时间']],
  columns: {
    orderId: ['订单号'],
    orderedAt: ['订单创建时间', '买家付款时间'],
    sku: ['商品编码', '规格编码', '商品名称'],
    title: ['商品名称'],
    quantity: ['商品数量'],
    unitPrice: ['商品单价'],
  },
  customer: ['买家昵称', '买家姓名', '买家手机号'],
  statusColumns: ['订单状态', '商品退款状态', '订单商品状态'],
  returnStatus: CHINESE_RETURN_STATUS,
  currency: 'CNY',
};
