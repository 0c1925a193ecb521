import type { LongWorkOptions } from '../progress.ts';

/** Source of an encoder's vectors: a pretrained sentence model, or the shop's own titles. */
export type TextEncoderKind = 'pretrained' | 'built-in';

/** Turns product titles into L2-normalised vectors of a fixed dimension. */
export interface TextEncoder {
  /** Model folder name for a pretrained model, or the built-in encoder's name and settings. */
  readonly name: string;
  readonly kind: TextEncoderKind;
  readonly dimension: number;
  /** Returns one vector per text, in input order. Reports progress in texts. */
  embed(texts: string[], options?: LongWorkOptions): Promise<Float32Array[]>;
}
