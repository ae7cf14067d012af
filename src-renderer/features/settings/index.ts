import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { SettingsPage } from './SettingsPage';

/** Branch preferences (language, near-expiry days) and read-only information about the app. */
export const feature: FeatureModule = {
  namespace: 'settings',
  resources,
  routes: [{ path: '/settings', component: SettingsPage }],
};
