import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { UsersPage } from './UsersPage';

/** The PC's users and roles, for administrators (the API refuses everyone else). */
export const feature: FeatureModule = {
  namespace: 'users',
  resources,
  routes: [{ path: '/users', component: UsersPage }],
};
