import { useFeatureText, type FeatureText } from '../../components/useFeatureText';

export type PurchasingText = FeatureText;

/** The purchasing screens' translation and formatting helpers, following the current language. */
export function usePurchasingText(): PurchasingText {
  return useFeatureText('purchasing');
}
