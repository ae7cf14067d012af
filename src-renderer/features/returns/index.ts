import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { NewReturnPage } from './NewReturnPage';
import { RecallPage } from './RecallPage';
import { ReturnDetailPage } from './ReturnDetailPage';
import { ReturnsListPage } from './ReturnsListPage';

/** Customer returns (退货): from a delivery or without one, approval, receipt, inspection, credit or refund, and lot recalls. */
export const feature: FeatureModule = {
  namespace: 'returns',
  resources,
  routes: [
    { path: '/returns', component: ReturnsListPage },
    { path: '/returns/new', component: NewReturnPage },
    { path: '/returns/recall', component: RecallPage },
    { path: '/returns/:id', component: ReturnDetailPage },
  ],
};
