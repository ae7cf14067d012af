import type { FeatureModule } from '../../lib/featureModule';
import { FinancePage } from './FinancePage';
import { resources } from './locales';

/** The accountant's screen (财务): late postings after a period close, the voucher export, sales targets. */
export const feature: FeatureModule = {
  namespace: 'finance',
  resources,
  routes: [{ path: '/finance', component: FinancePage }],
};
