import type { z } from 'zod';

/**
 * A yes/no check compiled from a protocol schema, for the hot path of a push: it tells whether
 * zod would accept a value, without building zod's copy of it.
 *
 * Why: zod's parse answers a deep copy of what it checked, and on the way allocates a result
 * object and an issue list for every field — about 16 KB for a one-line receipt, 40 % of what
 * the server allocated during a push, so most of its garbage-collection time and a sixth of
 * its CPU. For the schemas compiled here the copy is the value itself (strict objects, no
 * defaults, no transforms, no coercion), so an op whose args pass the lean check is applied
 * from the request's own parse. An op whose args fail it goes through zod as before, which
 * says what is wrong; a schema with anything this compiler does not know compiles to null and
 * is always parsed by zod. So the lean check may only ever accept what zod accepts — the
 * tests compare the two on valid and on mutated ops.
 */
export type LeanCheck = (value: unknown) => boolean;

interface CheckDef {
  check?: string;
  format?: string;
  pattern?: RegExp;
  value?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
}

interface SchemaDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const compiled = new WeakMap<z.ZodType, LeanCheck | null>();

/** The schema's lean check, or null when it uses anything the compiler does not know (then zod decides). */
export function leanCheckOf(schema: z.ZodType): LeanCheck | null {
  if (!compiled.has(schema)) compiled.set(schema, compile(schema));
  return compiled.get(schema) ?? null;
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A length bound (strings and arrays), or null for a check it does not know. */
function lengthCheck(def: CheckDef): ((length: number) => boolean) | null {
  const { maximum, minimum } = def;
  if (def.check === 'max_length' && typeof maximum === 'number') return (length) => length <= maximum;
  if (def.check === 'min_length' && typeof minimum === 'number') return (length) => length >= minimum;
  return null;
}

function stringCheck(def: CheckDef): ((value: string) => boolean) | null {
  const length = lengthCheck(def);
  if (length) return (value) => length(value.length);
  // A uuid or a regex is its pattern and nothing else (other formats check more than that).
  if (def.check === 'string_format' && (def.format === 'uuid' || def.format === 'regex') && def.pattern instanceof RegExp) {
    const pattern = def.pattern;
    return (value) => {
      pattern.lastIndex = 0;
      return pattern.test(value);
    };
  }
  return null;
}

function numberCheck(def: CheckDef): ((value: number) => boolean) | null {
  if (def.check === 'number_format' && def.format === 'safeint') return (value) => Number.isSafeInteger(value);
  const bound = def.value;
  if (typeof bound !== 'number') return null;
  if (def.check === 'greater_than') return def.inclusive ? (value) => value >= bound : (value) => value > bound;
  if (def.check === 'less_than') return def.inclusive ? (value) => value <= bound : (value) => value < bound;
  return null;
}

/**
 * Every check of a schema compiled, or null if one of them is not known. A check's `when` (zod
 * runs a length check only on a value that has a length) is not looked at: the check is always
 * applied, which can only refuse more than zod, never accept more — and what is refused here
 * goes to zod.
 */
function allChecks<T>(def: SchemaDef, one: (check: CheckDef) => ((value: T) => boolean) | null): ((value: T) => boolean)[] | null {
  const out: ((value: T) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const fn = one(c._zod.def);
    if (!fn) return null;
    out.push(fn);
  }
  return out;
}

function passes<T>(checks: readonly ((value: T) => boolean)[], value: T): boolean {
  for (const check of checks) if (!check(value)) return false;
  return true;
}

function compile(schema: z.ZodType): LeanCheck | null {
  const def = defOf(schema);
  if (def.coerce) return null;
  switch (def.type) {
    case 'string': {
      const checks = allChecks(def, stringCheck);
      return checks && ((value) => typeof value === 'string' && passes(checks, value));
    }
    case 'number': {
      const checks = allChecks(def, numberCheck);
      return checks && ((value) => typeof value === 'number' && Number.isFinite(value) && passes(checks, value));
    }
    case 'boolean':
      return def.checks?.length ? null : (value) => typeof value === 'boolean';
    case 'unknown':
      return def.checks?.length ? null : () => true;
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      if (!values.every((v) => typeof v === 'string')) return null;
      const allowed = new Set<unknown>(values);
      return (value) => allowed.has(value);
    }
    case 'literal': {
      const allowed = new Set<unknown>(def.values ?? []);
      return (value) => allowed.has(value);
    }
    case 'nullable': {
      const inner = def.innerType && !def.checks?.length ? compile(def.innerType) : null;
      return inner && ((value) => value === null || inner(value));
    }
    case 'array': {
      const element = def.element ? compile(def.element) : null;
      const checks = allChecks(def, (c) => {
        const length = lengthCheck(c);
        return length && ((list: unknown[]) => length(list.length));
      });
      if (!element || !checks) return null;
      return (value) => {
        if (!Array.isArray(value) || !passes(checks, value)) return false;
        for (const item of value) if (!element(item)) return false;
        return true;
      };
    }
    case 'object':
      return compileStrictObject(def);
    default:
      return null;
  }
}

/** A strict object (unknown keys refused); optional keys may be absent, every other key must be there. */
function compileStrictObject(def: SchemaDef): LeanCheck | null {
  if (!def.shape || !def.catchall || defOf(def.catchall).type !== 'never' || def.checks?.length) return null;
  const fields: { key: string; optional: boolean; check: LeanCheck }[] = [];
  for (const [key, fieldSchema] of Object.entries(def.shape)) {
    // zod counts a key inherited from Object.prototype as present; this check counts own keys only.
    if (key in Object.prototype) return null;
    const fieldDef = defOf(fieldSchema);
    const optional = fieldDef.type === 'optional';
    if (optional && fieldDef.checks?.length) return null;
    const check = compile(optional && fieldDef.innerType ? fieldDef.innerType : fieldSchema);
    if (!check) return null;
    fields.push({ key, optional, check });
  }
  const known = new Set(fields.map((f) => f.key));
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (const key in value) if (Object.hasOwn(value, key) && !known.has(key)) return false;
    for (const field of fields) {
      if (!Object.hasOwn(value, field.key)) {
        if (field.optional) continue;
        return false;
      }
      if (!field.check(value[field.key])) return false;
    }
    return true;
  };
}
