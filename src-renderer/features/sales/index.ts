import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { OrderDetailPage } from './OrderDetailPage';
import { OrderEntryPage } from './OrderEntryPage';
import { SalesOrdersPage } from './SalesOrdersPage';

/** The sales desk: orders from quote to payment (prices, free goods, credit, FEFO picking). */
export const feature: FeatureModule = {
  namespace: 'sales',
  resources,
  routes: [
    { path: '/sales', component: SalesOrdersPage },
    { path: '/sales/new', component: OrderEntryPage },
    { path: '/sales/:id', component: OrderDetailPage },
    { path: '/sales/:id/edit', component: OrderEntryPage },
  ],
};
