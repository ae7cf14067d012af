import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { ReplenishmentPage } from './ReplenishmentPage';

/** Replenishment (补货建议): reorder suggestions per warehouse, turned into draft purchase orders per supplier. */
export const feature: FeatureModule = {
  namespace: 'replenishment',
  resources,
  routes: [{ path: '/replenishment', component: ReplenishmentPage }],
};
