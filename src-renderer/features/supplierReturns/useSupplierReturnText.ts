import { useFeatureText, type FeatureText } from '../../components/useFeatureText';

export type SupplierReturnText = FeatureText;

/** The supplier-return screens' translation and formatting helpers, following the current language. */
export function useSupplierReturnText(): SupplierReturnText {
  return useFeatureText('supplierReturns');
}
