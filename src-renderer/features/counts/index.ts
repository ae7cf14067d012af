import type { FeatureModule } from '../../lib/featureModule';
import { CountDetailPage } from './CountDetailPage';
import { CountsPage } from './CountsPage';
import { resources } from './locales';
import { NewCountPage } from './NewCountPage';

/** Stock counts (盘点): plans, progress, variance review and posting. The scanner screen is the `counting` feature. */
export const feature: FeatureModule = {
  namespace: 'counts',
  resources,
  routes: [
    { path: '/counts', component: CountsPage },
    { path: '/counts/new', component: NewCountPage },
    { path: '/counts/:id', component: CountDetailPage },
  ],
};
