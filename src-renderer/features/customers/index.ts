import type { FeatureModule } from '../../lib/featureModule';
import { CustomerDetailPage } from './CustomerDetailPage';
import { CustomersPage } from './CustomersPage';
import { resources } from './locales';
import { ReceivablesPage } from './ReceivablesPage';

/** Customers (客户): terms, contacts, credit, transaction history, payments received, and receivables by age. */
export const feature: FeatureModule = {
  namespace: 'customers',
  resources,
  routes: [
    { path: '/customers', component: CustomersPage },
    { path: '/customers/receivables', component: ReceivablesPage },
    { path: '/customers/:id', component: CustomerDetailPage },
  ],
};
