import { createHash } from 'node:crypto';
import { type Disclosure, disclosureOf } from '../compliance/disclosure.js';
import { resolvePolicy } from '../compliance/policy.js';
import type { Database } from '../db/database.js';
import { CandidError } from '../errors.js';
import { newId } from '../ids.js';
import type { ConsentRecord, Interview } from '../types.js';
import type { InterviewService } from './interviews.js';
import { Validator } from '../validation.js';
import { type ConsentRow, toConsentRecord } from './rows.js';
import type { CandidateContext, SessionService } from './sessions.js';
import type { SessionEvents } from './session-events.js';

export interface ConsentRequestMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
  widgetVersion?: string | undefined;
}

/** Keeps the network, drops the host: /24 for IPv4, /48 for IPv6 (enough for fraud review, not to identify). */
export function truncateIp(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = ip.replace(/^::ffff:/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return v4.split('.').slice(0, 3).concat('0').join('.');
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::`;
  return null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class ConsentService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly events: SessionEvents,
    private readonly interviews: InterviewService,
    /** Transcription and scoring can run in this deployment. */
    private readonly aiEvaluation: boolean,
  ) {}

  /**
   * What the consent screen discloses for this interview in this deployment; `GET /v1/session`
   * sends it and the consent record keeps its hash, so both must come from here.
   */
  disclosure(interview: Interview): Disclosure {
    return disclosureOf(interview, resolvePolicy(interview.jurisdictions ?? []), { aiEvaluation: this.aiEvaluation, employer: this.interviews.employerOf(interview) });
  }

  /**
   * Stores the candidate's decision as an immutable record. The session becomes `consented` only
   * when recording was granted and the age confirmed; a refusal is recorded all the same.
   */
  async record({ session, interview }: CandidateContext, input: unknown, meta: ConsentRequestMeta): Promise<{ consent: ConsentRecord; status: string }> {
    const v = new Validator();
    const body = v.object(input, '', ['noticeVersion', 'choices', 'ageConfirmed', 'locale']);
    const choices = v.object(body.choices, 'choices', ['recording', 'aiEvaluation', 'productImprovement']);
    const recording = v.boolean(choices.recording, 'choices/recording');
    const aiGranted = v.boolean(choices.aiEvaluation, 'choices/aiEvaluation');
    const productImprovement = choices.productImprovement === undefined ? false : v.boolean(choices.productImprovement, 'choices/productImprovement');
    const ageConfirmed = v.boolean(body.ageConfirmed, 'ageConfirmed');
    const noticeVersion = body.noticeVersion === undefined || body.noticeVersion === null ? null : v.string(body.noticeVersion, 'noticeVersion', { max: 64 });
    // The UI language the notice was shown in: Candid's standard sections are translated by the widget.
    const locale = v.optionalString(body.locale, 'locale', { max: 35, pattern: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, patternHint: 'must be a BCP 47 tag such as en or pt-BR' }) ?? null;
    v.done();

    if (session.status !== 'invited' && session.status !== 'consented' && session.status !== 'in_progress') throw new CandidError('SESSION_CLOSED');
    // Taking back recording consent is a withdrawal (its own route: the recordings are deleted and
    // every job stops); a record that quietly refuses recording would leave a session that records.
    if (session.status !== 'invited' && !(recording && ageConfirmed)) throw new CandidError('CONSENT_WITHDRAWAL_REQUIRED');
    const notice = interview.notice;
    if ((notice?.version ?? null) !== noticeVersion) {
      throw new CandidError(
        'NOTICE_VERSION_MISMATCH',
        `The interview shows notice version ${JSON.stringify(notice?.version ?? null)}, the consent names ${JSON.stringify(noticeVersion)}.`,
      );
    }
    // Without AI in this deployment the screen disclosed no AI and offered no AI box, so no AI
    // consent can exist: a `true` (an older widget, a hand-made request) is stored as false, and
    // the response shows it. Refusing instead would block candidates over a box they never saw.
    const aiEvaluation = aiGranted && this.aiEvaluation;
    const { rows } = await this.db.query<ConsentRow>(
      `insert into consent_records
         (id, session_id, notice_version, notice_sha256, recording, ai_evaluation, product_improvement,
          age_confirmed, ip_truncated, user_agent_sha256, widget_version, notice_locale)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning *`,
      [
        newId('con'),
        session.id,
        noticeVersion,
        this.disclosure(interview).sha256,
        recording,
        aiEvaluation,
        productImprovement,
        ageConfirmed,
        truncateIp(meta.ip),
        meta.userAgent ? sha256(meta.userAgent) : null,
        meta.widgetVersion?.slice(0, 32) ?? null,
        locale,
      ],
    );
    if (recording && ageConfirmed) await this.sessions.transition(session.id, ['invited'], 'consented');
    const current = await this.sessions.row(session.id);
    const consent = toConsentRecord(rows[0]!);
    await this.events.safely('consent', () => this.events.consented(session.id, consent, current.status));
    return { consent, status: current.status };
  }

  /** The latest decision, or null when the candidate has not decided yet. */
  async latest(sessionId: string): Promise<ConsentRecord | null> {
    const { rows } = await this.db.query<ConsentRow>(
      'select * from consent_records where session_id = $1 order by decided_at desc, id desc limit 1',
      [sessionId],
    );
    return rows[0] ? toConsentRecord(rows[0]) : null;
  }
}
