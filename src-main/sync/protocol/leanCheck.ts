import type { z } from 'zod';
import type { OpSpec } from './registry';

/**
 * A lean check of what head office sends (pull pages and the op args in them), made from the
 * message's own zod schema. A pull brings ops by the hundred thousand; parsing each op's args
 * with zod cost a PC about 11 µs of the ~100 µs it spends applying a pulled receipt (zod gathers
 * issues, copies every object), where plain functions that only say yes or no accept the same
 * JSON in a fraction of that.
 *
 * The check is read off the schema's definition, so it follows the schema as it changes. It
 * knows the parts the protocol's messages are built of (strict objects, records with string
 * keys, arrays, unions, strings with a length or a uuid or regex format, safe integers with
 * bounds, booleans, enums, literals, nullable, optional, unknown); a schema with anything else
 * (a default, a transform, a refinement, a non-strict object…) gets no lean check. It only ever
 * says yes to what the schema accepts unchanged (a property test holds it to that,
 * tests/unit/leanCheck.test.ts); anything it does
 * not accept goes to zod, which decides and answers as before. A malformed op is refused
 * exactly as it always was.
 */

type Check = (value: unknown) => boolean;

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  maximum?: number;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
}

interface SchemaDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The checks of a string, a number or an array, or null if one of them is not known here. */
function compileChecks(def: SchemaDef, size: (v: never) => number): Check[] | null {
  const out: Check[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'max_length' && d.maximum !== undefined) {
      const max = d.maximum;
      out.push((v) => size(v as never) <= max);
    } else if (d.check === 'min_length' && d.minimum !== undefined) {
      const min = d.minimum;
      out.push((v) => size(v as never) >= min);
    } else if (d.check === 'string_format' && (d.format === 'uuid' || d.format === 'regex') && d.pattern && !d.pattern.global && !d.pattern.sticky) {
      const pattern = d.pattern;
      out.push((v) => pattern.test(v as string));
    } else if (d.check === 'number_format' && d.format === 'safeint') {
      out.push((v) => Number.isSafeInteger(v));
    } else if ((d.check === 'greater_than' || d.check === 'less_than') && typeof d.value === 'number') {
      const bound = d.value;
      const above = d.check === 'greater_than';
      out.push(d.inclusive ? (v) => (above ? (v as number) >= bound : (v as number) <= bound) : (v) => (above ? (v as number) > bound : (v as number) < bound));
    } else {
      return null;
    }
  }
  return out;
}

function allOf(checks: Check[]): Check {
  const [first, second] = checks;
  if (!first) return () => true;
  if (!second) return first;
  return checks.length === 2 ? (v) => first(v) && second(v) : (v) => checks.every((c) => c(v));
}

function compile(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const checks = compileChecks(def, (v: string) => v.length);
      if (!checks) return null;
      const all = allOf(checks);
      return (v) => typeof v === 'string' && all(v);
    }
    case 'number': {
      const checks = compileChecks(def, () => Number.NaN);
      if (!checks) return null;
      const all = allOf(checks);
      return (v) => typeof v === 'number' && Number.isFinite(v) && all(v);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'enum': {
      const values = new Set<unknown>(Object.values(def.entries ?? {}));
      return [...values].every((e) => typeof e === 'string') ? (v) => values.has(v) : null;
    }
    case 'literal': {
      const values = new Set<unknown>(def.values ?? []);
      return [...values].every((e) => typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean') ? (v) => values.has(v) : null;
    }
    case 'nullable':
    case 'optional': {
      const inner = def.innerType && compile(def.innerType);
      if (!inner) return null;
      const empty = def.type === 'nullable' ? null : undefined;
      return (v) => v === empty || inner(v);
    }
    case 'array': {
      const element = def.element && compile(def.element);
      const checks = compileChecks(def, (v: unknown[]) => v.length);
      if (!element || !checks) return null;
      const all = allOf(checks);
      return (v) => Array.isArray(v) && all(v) && v.every(element);
    }
    case 'object':
      return compileStrictObject(def);
    case 'unknown':
      return () => true;
    case 'record': {
      // Keys that are plain strings (an enum key would require every key to be present).
      const key = def.keyType && defOf(def.keyType).type === 'string' ? compile(def.keyType) : null;
      const value = def.valueType && compile(def.valueType);
      if (!key || !value) return null;
      return (v) => {
        if (!isPlainObject(v)) return false;
        // '__proto__' is zod's to answer: it would not copy it as a field.
        for (const k in v) if (k === '__proto__' || !key(k) || !value(v[k])) return false;
        return true;
      };
    }
    case 'union': {
      // Any option that accepts the value as it is: zod takes the first option that accepts it,
      // and every option here answers an accepted value unchanged.
      const options = (def.options ?? []).map(compile);
      if (options.length === 0 || options.some((o) => !o)) return null;
      const all = options as Check[];
      return (v) => all.some((o) => o(v));
    }
    default:
      return null;
  }
}

/** A plain object with exactly the schema's fields (an absent one is undefined to its check): unknown fields are refused. */
function compileStrictObject(def: SchemaDef): Check | null {
  // Only strict objects: another one drops or passes unknown fields, which zod's answer would show.
  if (!def.shape || !def.catchall || defOf(def.catchall).type !== 'never' || (def.checks ?? []).length > 0) return null;
  const shape = def.shape;
  const keys = Object.keys(shape);
  const checks: Check[] = [];
  for (const key of keys) {
    const check = compile(shape[key]!);
    if (!check) return null;
    // A field that is not optional must be there even if its check takes undefined (an unknown
    // value, as zod wants it).
    checks.push(check(undefined) && defOf(shape[key]!).type !== 'optional' ? (v) => v !== undefined && check(v) : check);
  }
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const key in v) if (!Object.prototype.hasOwnProperty.call(shape, key)) return false;
    for (let i = 0; i < keys.length; i++) if (!checks[i]!(v[keys[i]!])) return false;
    return true;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

const compiled = new WeakMap<z.ZodType, Check | null>();

/** The lean check of a schema: true only for values the schema accepts as they are; null when it has none. */
export function leanCheckOf(schema: z.ZodType): Check | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = compile(schema);
    compiled.set(schema, check);
  }
  return check;
}

/**
 * The op's args as its schema reads them, or null when they do not follow it. Args that pass
 * the lean check are taken as they are (its schemas transform nothing, so zod would answer an
 * equal object); everything else is parsed by zod.
 */
export function readOpArgs(spec: OpSpec, args: unknown): { data: unknown } | null {
  const parsed = leanParse(spec.args, args);
  return parsed.success ? { data: parsed.data } : null;
}

/** As `schema.safeParse(value)` answers, but a value the lean check accepts is answered as it is. */
export function leanParse<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  if (leanCheckOf(schema)?.(value)) return { success: true, data: value as z.output<S> };
  return schema.safeParse(value);
}
