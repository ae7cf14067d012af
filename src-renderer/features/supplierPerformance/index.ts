import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { SupplierPerformancePage } from './SupplierPerformancePage';

/** Supplier performance (供应商绩效): on-time and fill rates, lead times and returns per supplier. */
export const feature: FeatureModule = {
  namespace: 'supplierPerformance',
  resources,
  routes: [{ path: '/supplier-performance', component: SupplierPerformancePage }],
};
