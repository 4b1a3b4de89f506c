import type { Text } from '#libs/platform';

export const SETTING_TYPES = ['text', 'richtext', 'image', 'color', 'select', 'range', 'url', 'checkbox', 'product', 'products', 'category'] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

/** One editable value of a theme, section or block (API.md `Setting`). */
export interface Setting {
  id: string;
  type: SettingType;
  label: Text;
  default?: unknown;
  maxLength?: number;
  options?: Array<{ value: string; label: Text }>;
  min?: number;
  max?: number;
  step?: number;
}

export interface BlockSchema {
  type: string;
  name: Text;
  settings: Setting[];
}

export interface SectionSchema {
  type: string;
  name: Text;
  settings: Setting[];
  blocks?: BlockSchema[];
  maxBlocks?: number;
}

/** A theme as GET /storefront-themes lists it. */
export interface ThemeSchema {
  key: string;
  name: Text;
  settings: Setting[];
  sections: SectionSchema[];
}

/** Seller data: what the editor saves as a draft and what a version freezes. */
export interface StorefrontBlock {
  id?: string;
  type: string;
  settings: Record<string, unknown>;
}

export interface StorefrontSection {
  id: string;
  type: string;
  settings: Record<string, unknown>;
  blocks?: StorefrontBlock[];
}

export interface StorefrontDocument {
  theme: string;
  settings: Record<string, unknown>;
  sections: StorefrontSection[];
}

export const LIMITS = { sections: 20, blocks: 16, bytes: 64 * 1024, products: 24 } as const;
export const ID_PATTERN = /^[a-z0-9_-]{1,40}$/;
