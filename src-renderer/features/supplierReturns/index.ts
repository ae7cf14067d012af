import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { SupplierReturnDetailPage } from './SupplierReturnDetailPage';
import { SupplierReturnEntryPage } from './SupplierReturnEntryPage';
import { SupplierReturnsPage } from './SupplierReturnsPage';

/** Returns to suppliers (退供): drafts by lot, the stock issue, and the claim until credited or rejected. */
export const feature: FeatureModule = {
  namespace: 'supplierReturns',
  resources,
  routes: [
    { path: '/returns/supplier', component: SupplierReturnsPage },
    { path: '/returns/supplier/new', component: SupplierReturnEntryPage },
    { path: '/returns/supplier/:id', component: SupplierReturnDetailPage },
    { path: '/returns/supplier/:id/edit', component: SupplierReturnEntryPage },
  ],
};
