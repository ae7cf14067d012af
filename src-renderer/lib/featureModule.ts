import type { ComponentType } from 'react';

/** Translations a feature brings, merged into i18next under the feature's namespace. */
export interface FeatureResources {
  'zh-CN': Record<string, unknown>;
  en: Record<string, unknown>;
}

export interface FeatureRoute {
  /** '/stock', '/products/:id' … */
  path: string;
  component: ComponentType<{ params: Record<string, string> }>;
}

/**
 * What a feature folder exports from its index.ts as `feature`. The app shell collects these;
 * features never import each other.
 */
export interface FeatureModule {
  /** i18next namespace, e.g. 'stock'. */
  namespace: string;
  resources: FeatureResources;
  routes: FeatureRoute[];
}
