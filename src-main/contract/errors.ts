export { errorCodes, type ErrorCode, type FieldIssue, type ApiErrorPayload, type Envelope } from '../core/errors';
