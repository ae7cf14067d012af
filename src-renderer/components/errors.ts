import i18next from 'i18next';
import type { ApiErrorPayload } from '../../src-main/contract';
import { ApiError } from '../api/createClient';

/**
 * Turns what the API throws into words for the user. The API answers stable codes
 * (`STOCK_INSUFFICIENT`, field codes like `TOO_LONG`); the text lives in the `common`
 * namespace (`errors.*`, `validation.*`). A user never sees a stack trace or a raw code.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type Params = Record<string, string | number>;

const globalT: Translate = (key, options) => i18next.t(key, options);

/** The API's error payload, or null for anything that is not an ApiError. */
export function errorPayload(error: unknown): ApiErrorPayload | null {
  if (error instanceof ApiError) return error.payload;
  return null;
}

/** The stable code of an error ('BARCODE_UNKNOWN'…), 'UNEXPECTED' for non-API errors. */
export function errorCode(error: unknown): string {
  return errorPayload(error)?.code ?? 'UNEXPECTED';
}

function hasParams(params: Params | undefined): params is Params {
  return params !== undefined && Object.keys(params).length > 0;
}

/** Params that name a kind of record ('warehouse') are shown in the user's language. */
function localiseParams(t: Translate, params: Params): Params {
  const out: Params = { ...params };
  if (typeof params.entity === 'string') out.entity = t(`common:entities.${params.entity}`, { defaultValue: params.entity });
  return out;
}

/**
 * The detailed message when every placeholder it needs is among the params, else null.
 * i18n.ts keeps unknown placeholders as '{{name}}', which is how a missing param shows up.
 */
function detailed(t: Translate, key: string, params: Params | undefined): string | null {
  if (!hasParams(params)) return null;
  const text = t(key, { ...localiseParams(t, params), defaultValue: '' });
  if (!text || text === key || text.includes('{{')) return null;
  return text;
}

function plain(t: Translate, key: string): string | null {
  const text = t(key, { defaultValue: '' });
  return text && text !== key ? text : null;
}

/** A translated sentence for any error: ApiError by its code and params, anything else generically. */
export function errorMessage(t: Translate, error: unknown): string {
  const payload = errorPayload(error);
  if (!payload) return t('common:errors.UNEXPECTED');
  if (payload.code === 'INTERNAL' && payload.params?.reason === 'offline') return t('common:errors.OFFLINE');
  return (
    detailed(t, `common:errorDetails.${payload.code}`, payload.params) ??
    plain(t, `common:errors.${payload.code}`) ??
    t('common:errors.UNEXPECTED')
  );
}

/** The message for one field issue: its validation code first, then an API error code. */
export function fieldIssueMessage(t: Translate, code: string, params?: Params): string {
  return (
    detailed(t, `common:validationDetails.${code}`, params) ??
    plain(t, `common:validation.${code}`) ??
    detailed(t, `common:errorDetails.${code}`, params) ??
    plain(t, `common:errors.${code}`) ??
    t('common:validation.INVALID')
  );
}

/**
 * Field problems of a VALIDATION (or other) error, by path ('name', 'lines.2.qty') → translated
 * message, for showing next to the field. The first issue per path wins. Empty for other errors.
 * `t` defaults to the app's i18next instance, so the message follows the current language.
 */
export function fieldErrors(error: unknown, t: Translate = globalT): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of errorPayload(error)?.fields ?? []) {
    if (out[issue.path] === undefined) out[issue.path] = fieldIssueMessage(t, issue.code, issue.params);
  }
  return out;
}

/**
 * An error from loading one record by the id in the address, as the user should read it: a
 * malformed id (VALIDATION) is, for them, simply a record that does not exist (NOT_FOUND).
 */
export function recordLoadError(error: unknown, entity: string): unknown {
  return errorCode(error) === 'VALIDATION' ? new ApiError({ code: 'NOT_FOUND', params: { entity } }) : error;
}

/** True when the error's field issues all belong to fields the form shows (so no banner is needed). */
export function isFieldErrorOnly(error: unknown, shownPaths: readonly string[]): boolean {
  const payload = errorPayload(error);
  if (!payload?.fields?.length) return false;
  return payload.fields.every((f) => shownPaths.includes(f.path));
}
