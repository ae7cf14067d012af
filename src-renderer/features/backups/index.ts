import type { FeatureModule } from '../../lib/featureModule';
import { BackupsPage } from './BackupsPage';
import { resources } from './locales';

export { RecoveryScreen } from './RecoveryScreen';

/** Backups of the ledger and their restore (Settings → Backups), and the recovery screen shown when the ledger is damaged. */
export const feature: FeatureModule = {
  namespace: 'backups',
  resources,
  routes: [{ path: '/settings/backups', component: BackupsPage }],
};
