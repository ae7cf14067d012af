import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { ReportPage } from './ReportPage';
import { ReportsPage } from './ReportsPage';

/** Reports (报表): the list, and each report with its filters, table, totals and export (issue 8). */
export const feature: FeatureModule = {
  namespace: 'reports',
  resources,
  routes: [
    { path: '/reports', component: ReportsPage },
    { path: '/reports/:id', component: ReportPage },
  ],
};
