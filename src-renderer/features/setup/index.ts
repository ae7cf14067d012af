import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';

/**
 * First-start set-up. It has no route: the shell shows SetupScreen instead of itself while
 * app.info reports no branch.
 */
export const feature: FeatureModule = {
  namespace: 'setup',
  resources,
  routes: [],
};

export { SetupScreen, type SetupScreenProps } from './SetupScreen';
