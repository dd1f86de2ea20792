export { createCandid, type Candid } from './candid.js';
export { type CandidOptions, optionsFromEnv } from './config.js';
export { CandidError, ErrorCodes, type ErrorCode, type FieldIssue } from './errors.js';
export { migrations } from './db/migrations.js';
export type * from './types.js';
export { loadOrCreateDevSecret } from './dev-secret.js';
export type { MediaStorage } from './storage/media-storage.js';
export { type S3StorageOptions, s3OptionsFromEnv } from './storage/s3-config.js';
export { openMediaStorage } from './storage/open-storage.js';
export { openApiDocument } from './http/openapi.js';
export { RENDITION_KINDS, type RenditionKind } from './media/rendition-kinds.js';
export {
  signWebhook,
  verifyWebhook,
  generateTestHeaders,
  generateWebhookSecret,
  WebhookVerificationError,
  WebhookVerificationErrorCodes,
  type WebhookVerificationErrorCode,
  type WebhookPayload,
  type WebhookHeaders,
  type WebhookSecret,
  type WebhookSignatureHeaders,
  type VerifyWebhookOptions,
} from './webhooks/signing.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhooks/events.js';
export type { CandidWebhooks, WebhookDelivery, WebhookDeliveryPage, WebhookAttempt, WebhookDeliveryStatus } from './webhooks/webhook-service.js';
export type { Rights } from './rights/index.js';
export type { ErasureReceipt } from './rights/erasure.js';
export { ERASURE_REASON_CODES, type ErasureReasonCode } from './rights/reasons.js';
export type { ReceiptItem } from './rights/purge.js';
export type { RightsState } from './rights/restriction.js';
export type { ExportedFile } from './rights/export.js';
export { parseTar } from './rights/tar.js';
export type { SweepResult } from './retention/sweep.js';
export { type Actor, type ActorType, type AuditAction, type AuditCheckpoint, type AuditRecord, type AuditVerification, AUDIT_ACTIONS } from './audit/audit-log.js';
export { PACKS, JURISDICTION_IDS, NOTICE_ITEMS, type JurisdictionId, type JurisdictionPack, type NoticeItem } from './compliance/packs.js';
export { type ResolvedPolicy, resolvePolicy } from './compliance/policy.js';
export type { DataKeys } from './crypto/data-keys.js';
export { type MasterKeyInput, parseMasterKeys } from './crypto/master-keys.js';
