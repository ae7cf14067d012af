import type { FeatureModule } from '../../lib/featureModule';
import { CountingPage } from './CountingPage';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

/** Counting (盘点录入): the scanner-first screen where clerks count one stock count. */
export const feature: FeatureModule = {
  namespace: 'counting',
  resources: { 'zh-CN': zhCN, en },
  routes: [{ path: '/counts/:id/count', component: CountingPage }],
};
