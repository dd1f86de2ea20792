import { AuditLog } from '../audit/audit-log.js';
import type { RightsDeps } from './deps.js';
import { Erasure } from './erasure.js';
import { SessionExport } from './export.js';
import { Restrictions } from './restriction.js';
import { DEFAULT_SWEEP_SETTINGS, RetentionSweep, type SweepSettings } from '../retention/sweep.js';

/** Data-subject rights and retention, in-process (the HTTP routes call these too). */
export interface Rights {
  export: SessionExport;
  erasure: Erasure;
  restrictions: Restrictions;
  retention: RetentionSweep;
  audit: AuditLog;
}

export { DEFAULT_SWEEP_SETTINGS };

export function createRights(
  deps: Omit<RightsDeps, 'audit'> & { audit?: AuditLog; onRestrictionLifted?: (sessionId: string) => Promise<void>; sweep?: SweepSettings },
): Rights {
  const audit = deps.audit ?? new AuditLog(deps.db);
  const full: RightsDeps = { ...deps, audit };
  return {
    export: new SessionExport(full),
    erasure: new Erasure(full),
    restrictions: new Restrictions(full, deps.onRestrictionLifted),
    retention: new RetentionSweep({
      db: deps.db,
      storage: deps.storage,
      audit,
      webhooks: deps.webhooks,
      logger: deps.logger,
      dataKeys: deps.dataKeys,
      jobsSchema: deps.jobsSchema,
      settings: deps.sweep ?? DEFAULT_SWEEP_SETTINGS,
    }),
    audit,
  };
}
