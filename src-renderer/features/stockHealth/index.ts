import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { StockHealthPage } from './StockHealthPage';

/** Stock health (库存健康): stockouts, overstock, slow movers and near-expiry lots with their next action. */
export const feature: FeatureModule = {
  namespace: 'stockHealth',
  resources,
  routes: [{ path: '/stock-health', component: StockHealthPage }],
};
