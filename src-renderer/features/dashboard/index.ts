import type { FeatureModule } from '../../lib/featureModule';
import { DashboardPage } from './DashboardPage';
import { resources } from './locales';

/** The dashboard (首页/仪表盘): charts of sales, rankings, stock health, returns and targets. */
export const feature: FeatureModule = {
  namespace: 'dashboard',
  resources,
  routes: [{ path: '/dashboard', component: DashboardPage }],
};
