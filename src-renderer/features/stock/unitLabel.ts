import type { PackUnitLike } from '../../components/parseQuantityInput';

/** A unit's name in the UI language; with `withFactor`, packs show their size: '箱 ×24'. */
export function unitLabel(unit: PackUnitLike, zh: boolean, withFactor = false): string {
  const name = (zh ? unit.nameZh : unit.nameEn) || unit.code;
  return withFactor && unit.factor > 1 ? `${name} ×${unit.factor}` : name;
}
