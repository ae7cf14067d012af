import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { ReturnAnalysisPage } from './ReturnAnalysisPage';

/** Return-rate analysis (退货率分析): customer returns against deliveries by one dimension. */
export const feature: FeatureModule = {
  namespace: 'returnAnalysis',
  resources,
  routes: [{ path: '/returns/analysis', component: ReturnAnalysisPage }],
};
