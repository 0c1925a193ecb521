import type { OrderFormat } from '../../../../api/contract.ts';
import {
  DOUYIN_ORDERS,
  JD_ORDERS,
  PINDUODUO_ORDERS,
  TAOBAO_ORDER_REPORT,
  TAOBAO_ORDERS,
  YOUZAN_ORDER_ITEMS,
} from './chinese.ts';
import type { PlatformProfile } from './profile.ts';
import {
  AMAZON_ALL_ORDERS,
  EBAY_ORDERS,
  ETSY_ORDER_ITEMS,
  LAZADA_ORDERS,
  SHOPEE_ORDERS,
  WOOCOMMERCE_ANALYTICS,
  WOOCOMMERCE_ORDER_EXPORT,
} from './western.ts';

export { createPlatformConverter } from './platform-converter.ts';
export { matchesProfile, profileMapping, type PlatformProfile } from './profile.ts';

/** Tried in this order; a layout whose signature contains another's comes first. */
export const PLATFORM_PROFILES: readonly PlatformProfile[] = [
  WOOCOMMERCE_ANALYTICS,
  WOOCOMMERCE_ORDER_EXPORT,
  AMAZON_ALL_ORDERS,
  ETSY_ORDER_ITEMS,
  EBAY_ORDERS,
  SHOPEE_ORDERS,
  LAZADA_ORDERS,
  TAOBAO_ORDER_REPORT,
  TAOBAO_ORDERS,
  JD_ORDERS,
  PINDUODUO_ORDERS,
  DOUYIN_ORDERS,
  YOUZAN_ORDER_ITEMS,
];

const BY_FORMAT = new Map<OrderFormat, PlatformProfile>(PLATFORM_PROFILES.map((profile) => [profile.format, profile]));

export function platformProfile(format: string): PlatformProfile | undefined {
  return BY_FORMAT.get(format as OrderFormat);
}

/** Every header name any profile reads, for finding the header row below a preamble. */
export function platformHeaderNames(): string[] {
  const names: string[] = [];
  for (const profile of PLATFORM_PROFILES) {
    names.push(...profile.signature.flat(), ...Object.values(profile.columns).flat());
    names.push(...(profile.customer ?? []), ...(profile.statusColumns ?? []));
  }
  return names;
}
