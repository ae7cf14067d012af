import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { ReceiveTransferPage } from './ReceiveTransferPage';
import { TransferDetailPage } from './TransferDetailPage';
import { TransferEntryPage } from './TransferEntryPage';
import { TransfersPage } from './TransfersPage';

/** Stock transfers (调拨): between this branch's warehouses and to or from other branches, received by scanning. */
export const feature: FeatureModule = {
  namespace: 'transfers',
  resources,
  routes: [
    { path: '/transfers', component: TransfersPage },
    { path: '/transfers/new', component: TransferEntryPage },
    { path: '/transfers/:id', component: TransferDetailPage },
    { path: '/transfers/:id/edit', component: TransferEntryPage },
    { path: '/transfers/:id/receive', component: ReceiveTransferPage },
  ],
};
