import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';

/**
 * Signing in, the lock screen and the quick switch. No routes: the shell shows SignInScreen
 * while nobody is signed in and draws LockScreen over itself while the screen is locked.
 */
export const feature: FeatureModule = {
  namespace: 'signIn',
  resources,
  routes: [],
};

export { SignInScreen } from './SignInScreen';
export { LockScreen } from './LockScreen';
