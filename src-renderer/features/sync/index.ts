import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { SyncPage } from './SyncPage';

/** Sync with head office: status, "sync now", enrolment, refused changes and stock exceptions. */
export const feature: FeatureModule = {
  namespace: 'sync',
  resources,
  routes: [{ path: '/sync', component: SyncPage }],
};

export { SyncIndicator } from './SyncIndicator';
