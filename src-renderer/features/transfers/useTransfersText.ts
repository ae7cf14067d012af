import { useFeatureText, type FeatureText } from '../../components/useFeatureText';

export type TransfersText = FeatureText;

/** The transfer screens' translation and formatting helpers, following the current language. */
export function useTransfersText(): TransfersText {
  return useFeatureText('transfers');
}
