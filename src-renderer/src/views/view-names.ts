/** The window's views, in navigation order. */
export const VIEWS = ['import', 'recommendations', 'insights', 'training', 'knowledge', 'export', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];
