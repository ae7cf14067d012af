import type { FeatureModule } from '../../lib/featureModule';
import { AuditPage } from './AuditPage';
import { resources } from './locales';

/** The audit trail: searched and exported by accountants, managers and admins. */
export const feature: FeatureModule = {
  namespace: 'audit',
  resources,
  routes: [{ path: '/audit', component: AuditPage }],
};
