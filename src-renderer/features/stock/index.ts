import type { FeatureModule } from '../../lib/featureModule';
import { AdjustPage } from './AdjustPage';
import { DocumentDetailPage } from './DocumentDetailPage';
import { DocumentsPage } from './DocumentsPage';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { OnHandPage } from './OnHandPage';
import { ReceivePage } from './ReceivePage';

/** Stock: what is on hand, goods receipt, adjustment, and the documents that moved it. */
export const feature: FeatureModule = {
  namespace: 'stock',
  resources: { 'zh-CN': zhCN, en },
  routes: [
    { path: '/stock', component: OnHandPage },
    { path: '/stock/receive', component: ReceivePage },
    { path: '/stock/adjust', component: AdjustPage },
    { path: '/stock/documents', component: DocumentsPage },
    { path: '/stock/documents/:id', component: DocumentDetailPage },
  ],
};
