import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { PurchaseDetailPage } from './PurchaseDetailPage';
import { PurchaseEntryPage } from './PurchaseEntryPage';
import { PurchaseOrdersPage } from './PurchaseOrdersPage';
import { ReceivePurchasePage } from './ReceivePurchasePage';

/** Purchasing: orders to suppliers on head office's terms, and receiving against them by scanning. */
export const feature: FeatureModule = {
  namespace: 'purchasing',
  resources,
  routes: [
    { path: '/purchasing', component: PurchaseOrdersPage },
    { path: '/purchasing/new', component: PurchaseEntryPage },
    { path: '/purchasing/:id', component: PurchaseDetailPage },
    { path: '/purchasing/:id/edit', component: PurchaseEntryPage },
    { path: '/purchasing/:id/receive', component: ReceivePurchasePage },
  ],
};
