import type { Database } from './database.js';

/**
 * Forward-only migrations, applied in order inside one transaction each. Statements are unqualified:
 * they run in the SDK's schema (`search_path`, default `candid`), so the SDK can share an ATS's own
 * database without name clashes.
 * Never edit a shipped migration: add a new one.
 */
export const migrations: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'initial',
    sql: /* sql */ `
      create table interviews (
        id          text primary key,
        title       text not null,
        locale      text not null default 'en',
        questions   jsonb not null,
        notice      jsonb,
        created_at  timestamptz not null default now()
      );

      create table sessions (
        id                    text primary key,
        interview_id          text not null references interviews(id),
        candidate_external_id text not null,
        candidate_name        text,
        candidate_email       text,
        status                text not null default 'invited'
                              check (status in ('invited', 'consented', 'in_progress', 'completed')),
        expires_at            timestamptz not null,
        created_at            timestamptz not null default now(),
        updated_at            timestamptz not null default now(),
        completed_at          timestamptz
      );
      create index sessions_interview_idx on sessions (interview_id, created_at);

      -- Immutable proof of what the candidate was shown and chose (compliance.md §2.2).
      create table consent_records (
        id                   text primary key,
        session_id           text not null references sessions(id),
        notice_version       text,
        notice_sha256        text,
        recording            boolean not null,
        ai_evaluation        boolean not null,
        product_improvement  boolean not null,
        age_confirmed        boolean not null,
        decided_at           timestamptz not null default now(),
        ip_truncated         text,
        user_agent_sha256    text,
        widget_version       text
      );
      create index consent_records_session_idx on consent_records (session_id, decided_at);

      -- One tus upload (one track of one take). Ids are minted by the server and bound to a session.
      create table uploads (
        id           text primary key,
        session_id   text not null references sessions(id),
        question_id  text not null,
        attempt      integer not null check (attempt >= 1),
        track        text not null check (track in ('video', 'audio')),
        mime_type    text not null,
        size_bytes   bigint,
        status       text not null default 'receiving' check (status in ('receiving', 'complete')),
        created_at   timestamptz not null default now(),
        completed_at timestamptz
      );
      create index uploads_take_idx on uploads (session_id, question_id, attempt, track, created_at);

      create table answers (
        id               text primary key,
        session_id       text not null references sessions(id),
        question_id      text not null,
        attempt          integer not null,
        duration_ms      integer,
        speech_segments  jsonb not null default '[]',
        committed_at     timestamptz not null default now(),
        unique (session_id, question_id)
      );

      create table answer_media (
        answer_id   text not null references answers(id),
        upload_id   text not null references uploads(id),
        track       text not null,
        mime_type   text not null,
        size_bytes  bigint not null,
        sha256      text not null,
        primary key (answer_id, track)
      );

      -- Consent records are evidence: refuse updates and deletes at the database level.
      create function forbid_change() returns trigger language plpgsql as $$
      begin
        raise exception '%: rows are immutable', tg_table_name;
      end $$;
      create trigger consent_records_immutable before update or delete on consent_records
        for each row execute function forbid_change();
    `,
  },
  {
    id: 2,
    name: 'session lifecycle, accommodations, rate limits',
    sql: /* sql */ `
      alter table sessions drop constraint sessions_status_check;
      alter table sessions add constraint sessions_status_check
        check (status in ('invited', 'consented', 'in_progress', 'completed', 'scored', 'withdrawn', 'erased'));
      alter table sessions add column accommodations jsonb not null default '{}';
      alter table sessions add column withdrawn_at timestamptz;
      -- Listing order and pagination cursor: timestamps tie, and JavaScript drops their microseconds.
      alter table sessions add column seq bigserial;
      create index sessions_interview_seq_idx on sessions (interview_id, seq);
      create index sessions_interview_status_idx on sessions (interview_id, status, seq);

      alter table interviews add column practice_question jsonb;
      alter table interviews add column retention jsonb not null default '{}';

      -- The lifecycle lives in the database, so no code path (or second instance) can skip a step:
      -- invited -> consented -> in_progress -> completed -> scored; withdrawn or erased from anywhere
      -- (erased is final; withdrawn may only become erased).
      create function enforce_session_transition() returns trigger language plpgsql as $$
      begin
        if new.status = old.status then
          return new;
        end if;
        if old.status = 'erased' or (old.status = 'withdrawn' and new.status <> 'erased') then
          raise exception 'session %: % is final, cannot become %', old.id, old.status, new.status
            using errcode = 'check_violation';
        end if;
        if new.status in ('withdrawn', 'erased')
           or (old.status = 'invited' and new.status = 'consented')
           or (old.status = 'consented' and new.status = 'in_progress')
           or (old.status = 'in_progress' and new.status = 'completed')
           or (old.status = 'completed' and new.status = 'scored') then
          return new;
        end if;
        raise exception 'session %: % cannot become %', old.id, old.status, new.status
          using errcode = 'check_violation';
      end $$;
      create trigger sessions_status_transition before update of status on sessions
        for each row execute function enforce_session_transition();

      create table consent_withdrawals (
        id            text primary key,
        session_id    text not null references sessions(id),
        withdrawn_at  timestamptz not null default now(),
        channel       text not null default 'widget'
      );
      create trigger consent_withdrawals_immutable before update or delete on consent_withdrawals
        for each row execute function forbid_change();

      -- tus upload locks shared by every instance: a lease, renewed while held, so a crashed
      -- holder blocks its upload for at most one lease period.
      create table upload_locks (
        upload_id   text primary key,
        holder      text not null,
        expires_at  timestamptz not null
      );

      -- Fixed-window request counters shared by every instance (per-token rate limit).
      create table rate_limits (
        key           text not null,
        window_start  timestamptz not null,
        hits          integer not null,
        primary key (key, window_start)
      );
    `,
  },
  {
    id: 3,
    name: 'processing pipeline, evaluations, requests, reviews, webhooks',
    sql: /* sql */ `
      -- VAD said nothing was spoken: the answer is not sent for transcription.
      alter table answers add column silent boolean not null default false;
      -- What ffprobe found (duration, codecs) for each stored track.
      alter table answer_media add column probe jsonb;

      -- One row per answer and pipeline step, so a failure is a visible status, never a silent hole.
      create table answer_steps (
        answer_id   text not null references answers(id),
        step        text not null check (step in ('media', 'transcription')),
        status      text not null check (status in ('pending', 'running', 'done', 'skipped', 'failed')),
        detail      text,
        attempts    integer not null default 0,
        updated_at  timestamptz not null default now(),
        primary key (answer_id, step)
      );

      -- Reviewer-friendly renditions produced by ffmpeg (e.g. an mp4 with faststart).
      create table renditions (
        answer_id    text not null references answers(id),
        kind         text not null,
        storage_key  text not null,
        mime_type    text not null,
        size_bytes   bigint not null,
        duration_ms  integer,
        created_at   timestamptz not null default now(),
        primary key (answer_id, kind)
      );

      create table transcripts (
        answer_id   text primary key references answers(id),
        model       text not null,
        language    text,
        text        text not null,
        segments    jsonb not null default '[]',
        created_at  timestamptz not null default now()
      );

      -- The AI evaluation of a session: a recommendation for a person, never a decision.
      create table evaluations (
        session_id              text primary key references sessions(id),
        status                  text not null check (status in ('pending', 'scored', 'skipped', 'failed')),
        detail                  text,
        model                   text,
        prompt_version          text,
        rubric_version          text,
        summary                 text,
        result                  jsonb,
        human_review_required   boolean not null default true check (human_review_required),
        created_at              timestamptz not null default now(),
        updated_at              timestamptz not null default now()
      );

      create table competency_scores (
        session_id     text not null references sessions(id),
        question_id    text not null,
        competency_id  text not null,
        level          integer not null,
        rationale      text not null,
        evidence       jsonb not null default '[]',
        primary key (session_id, question_id, competency_id)
      );

      -- Requests from the candidate: accommodation, alternative process, human review, AI opt-out.
      create table candidate_requests (
        id          text primary key,
        session_id  text not null references sessions(id),
        type        text not null check (type in ('accommodation', 'alternative_process', 'human_review', 'opt_out_ai')),
        message     text,
        status      text not null default 'open' check (status in ('open', 'resolved')),
        created_at  timestamptz not null default now()
      );
      create index candidate_requests_session_idx on candidate_requests (session_id, created_at);

      -- A person's decision about the candidate, with the reasons (append-only).
      create table reviews (
        id          text primary key,
        session_id  text not null references sessions(id),
        reviewer    text not null,
        decision    text not null,
        rationale   text not null,
        created_at  timestamptz not null default now()
      );
      create trigger reviews_immutable before update or delete on reviews
        for each row execute function forbid_change();

      -- Webhooks: one event, one delivery per endpoint, every attempt logged.
      create table webhook_events (
        id          text primary key,
        type        text not null,
        session_id  text,
        payload     jsonb not null,
        dedupe_key  text unique,
        created_at  timestamptz not null default now()
      );
      create table webhook_deliveries (
        id                text primary key,
        event_id          text not null references webhook_events(id),
        url               text not null,
        status            text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts          integer not null default 0,
        last_status_code  integer,
        last_error        text,
        next_attempt_at   timestamptz,
        delivered_at      timestamptz,
        created_at        timestamptz not null default now(),
        seq               bigserial
      );
      create index webhook_deliveries_status_idx on webhook_deliveries (status, seq);
      create table webhook_attempts (
        id            bigserial primary key,
        delivery_id   text not null references webhook_deliveries(id),
        attempted_at  timestamptz not null default now(),
        status_code   integer,
        error         text,
        duration_ms   integer
      );
    `,
  },
  {
    id: 4,
    name: 'per-session data keys (encryption at rest, crypto-shredding)',
    // Independent of 5 and 6. A destroyed key keeps its row as a tombstone without key material.
    sql: /* sql */ `
      create table session_keys (
        session_id    text primary key,
        kid           text,
        wrapped       bytea,
        created_at    timestamptz not null default now(),
        destroyed_at  timestamptz,
        check ((destroyed_at is null) = (wrapped is not null and kid is not null))
      );
      create index session_keys_kid_idx on session_keys (kid);
    `,
  },
  {
    id: 5,
    name: 'data rights: audit log, erasure receipts, restriction, legal hold, retention, jurisdictions',
    sql: /* sql */ `
      -- Append-only, hash-chained audit log (compliance.md §2.5): ids and actions, never content.
      create table audit_log (
        seq          bigint primary key,
        id           text not null unique,
        at           timestamptz not null,
        actor_type   text not null check (actor_type in ('candidate', 'ats', 'reviewer', 'system')),
        actor_id     text,
        action       text not null,
        object_type  text not null,
        object_id    text,
        session_id   text,
        request_id   text,
        detail       jsonb not null default '{}',
        prev_hash    text not null,
        hash         text not null
      );
      create index audit_log_at_idx on audit_log (at);
      create index audit_log_session_idx on audit_log (session_id, seq);
      -- Rows never change; only the retention sweep may drop the oldest ones (it sets candid.audit_prune).
      create function audit_log_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('candid.audit_prune', true) = 'on' then
          return old;
        end if;
        raise exception 'audit_log: rows are append-only';
      end $$;
      create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_log_guard();

      -- What was deleted where and when (erasure on request, or the retention sweep). Immutable.
      create table erasure_receipts (
        id            text primary key,
        session_id    text not null,
        interview_id  text,
        kind          text not null check (kind in ('erasure', 'retention')),
        data_types    text[] not null,
        actor_type    text not null,
        actor_id      text,
        reason        text,
        items         jsonb not null,
        created_at    timestamptz not null default now()
      );
      create index erasure_receipts_session_idx on erasure_receipts (session_id, created_at);
      create trigger erasure_receipts_immutable before update or delete on erasure_receipts
        for each row execute function forbid_change();

      -- Reviews are evidence, but their rationale is about the candidate: erasure may remove them.
      create function forbid_change_unless_erasing() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('candid.erasing', true) = 'on' then
          return old;
        end if;
        raise exception '%: rows are immutable', tg_table_name;
      end $$;
      drop trigger reviews_immutable on reviews;
      create trigger reviews_immutable before update or delete on reviews
        for each row execute function forbid_change_unless_erasing();

      alter table sessions add column restriction text check (restriction in ('restricted', 'objected'));
      alter table sessions add column restriction_reason text;
      alter table sessions add column restricted_at timestamptz;
      alter table sessions add column legal_hold_reason text;
      alter table sessions add column legal_hold_at timestamptz;
      alter table sessions add column notice_delivered_at timestamptz;
      alter table sessions add column media_expired_at timestamptz;
      alter table sessions add column evaluation_expired_at timestamptz;
      alter table sessions add column erased_at timestamptz;

      alter table interviews add column jurisdictions jsonb not null default '[]';
    `,
  },
  {
    id: 6,
    name: 'interview-flow',
    // Candidate-facing flow settings (intro, time extensions, minimum age). Independent of 4 and 5.
    sql: /* sql */ `
      alter table interviews add column flow jsonb not null default '{}';
    `,
  },
  {
    id: 7,
    name: 'consent-notice-locale',
    // The UI language of the consent screen: with the widget version it pins the standard notice text.
    sql: /* sql */ `
      alter table consent_records add column notice_locale text;
    `,
  },
  {
    id: 8,
    name: 'proof-expiry',
    // Consent records, withdrawals and erasure receipts are proof, kept 4 years (compliance.md §2.4),
    // then deleted with the rest of the session by the retention sweep. One guard for every
    // evidence table: updates are always refused; a delete only in a transaction that sets one of
    // the settings named as the trigger's arguments. It replaces forbid_change and
    // forbid_change_unless_erasing.
    sql: /* sql */ `
      create function forbid_change_unless_set() returns trigger language plpgsql as $$
      declare
        setting text;
      begin
        if tg_op = 'DELETE' then
          foreach setting in array tg_argv loop
            if current_setting(setting, true) = 'on' then
              return old;
            end if;
          end loop;
        end if;
        raise exception '%: rows are immutable', tg_table_name;
      end $$;
      drop trigger consent_records_immutable on consent_records;
      create trigger consent_records_immutable before update or delete on consent_records
        for each row execute function forbid_change_unless_set('candid.proof_expiry');
      drop trigger consent_withdrawals_immutable on consent_withdrawals;
      create trigger consent_withdrawals_immutable before update or delete on consent_withdrawals
        for each row execute function forbid_change_unless_set('candid.proof_expiry');
      drop trigger erasure_receipts_immutable on erasure_receipts;
      create trigger erasure_receipts_immutable before update or delete on erasure_receipts
        for each row execute function forbid_change_unless_set('candid.proof_expiry');
      drop trigger reviews_immutable on reviews;
      create trigger reviews_immutable before update or delete on reviews
        for each row execute function forbid_change_unless_set('candid.erasing', 'candid.proof_expiry');
      drop function forbid_change();
      drop function forbid_change_unless_erasing();
    `,
  },
  {
    id: 9,
    name: 'interview-employer',
    // Who is asking (name, logo, contact, privacy policy), shown before consent. Owned by
    // services/interviews.ts; null = the server's configured default employer applies.
    sql: /* sql */ `
      alter table interviews add column employer jsonb;
    `,
  },
  {
    id: 10,
    name: 'audit-anchors',
    // The audit chain gets anchors, so emptying it or cutting its head or tail shows in
    // `candid audit verify`: `audit_head` (the last seq and hash ever appended, moved forward in
    // each append's transaction) and `audit_checkpoints` (one per retention prune: the first row
    // kept and the hash it must point at). TRUNCATE skips row triggers, so every append-only
    // table also refuses it with a statement trigger. Rows pruned before this migration get one
    // checkpoint at the oldest remaining row.
    sql: /* sql */ `
      create function forbid_removal() returns trigger language plpgsql as $$
      begin
        raise exception '%: rows are append-only (% refused)', tg_table_name, tg_op;
      end $$;
      create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function forbid_removal();
      create trigger consent_records_no_truncate before truncate on consent_records
        for each statement execute function forbid_removal();
      create trigger consent_withdrawals_no_truncate before truncate on consent_withdrawals
        for each statement execute function forbid_removal();
      create trigger erasure_receipts_no_truncate before truncate on erasure_receipts
        for each statement execute function forbid_removal();
      create trigger reviews_no_truncate before truncate on reviews
        for each statement execute function forbid_removal();

      create table audit_checkpoints (
        seq          bigint primary key,
        prev_hash    text not null,
        pruned_rows  bigint not null,
        at           timestamptz not null default now()
      );
      create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
        for each row execute function forbid_removal();
      create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
        for each statement execute function forbid_removal();

      create table audit_head (
        id          boolean primary key default true check (id),
        last_seq    bigint not null,
        last_hash   text not null,
        updated_at  timestamptz not null default now()
      );
      -- The head only moves forward and is never removed.
      create function audit_head_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and new.id and new.last_seq > old.last_seq then
          return new;
        end if;
        raise exception 'audit_head: only moves forward (% refused)', tg_op;
      end $$;
      create trigger audit_head_forward_only before update or delete on audit_head
        for each row execute function audit_head_guard();
      create trigger audit_head_no_truncate before truncate on audit_head
        for each statement execute function forbid_removal();
      insert into audit_head (id, last_seq, last_hash)
        select true, l.seq, l.hash from audit_log l order by l.seq desc limit 1;
      insert into audit_checkpoints (seq, prev_hash, pruned_rows)
        select l.seq, l.prev_hash, l.seq - 1 from (select seq, prev_hash from audit_log order by seq limit 1) l where l.seq > 1;

      -- Pruning needs the setting AND a checkpoint beyond the row, written in the same transaction.
      create or replace function audit_log_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('candid.audit_prune', true) = 'on'
           and exists (select 1 from audit_checkpoints c where c.seq > old.seq) then
          return old;
        end if;
        raise exception 'audit_log: rows are append-only';
      end $$;
    `,
  },
  {
    id: 11,
    name: 'sealed-reasons',
    // Reasons given for restriction, objection, legal hold and their release are free text about
    // the candidate: kept sealed under the session's data key (erasure crypto-shreds them), one row
    // per action; the audit row names the reason's id, never its text. Erasure receipts outlive
    // the data key, so they keep a reason code and a keyed digest of the text, never the text:
    // receipts written before keep 'other' (or the code they named) and a sha256 of their text.
    sql: /* sql */ `
      create table session_reasons (
        id          text primary key,
        session_id  text not null,
        action      text not null,
        reason      text not null,
        created_at  timestamptz not null default now()
      );
      create index session_reasons_session_idx on session_reasons (session_id, created_at);

      alter table erasure_receipts add column reason_digest text;
      alter table erasure_receipts disable trigger erasure_receipts_immutable;
      update erasure_receipts
         set reason_digest = 'sha256:' || encode(sha256(convert_to(reason, 'UTF8')), 'hex'),
             reason = 'other'
       where kind = 'erasure' and reason is not null
         and reason not in ('data_subject_request', 'consent_withdrawn', 'no_longer_needed', 'objection',
                            'unlawful_processing', 'legal_obligation', 'test_data', 'other');
      alter table erasure_receipts enable trigger erasure_receipts_immutable;
    `,
  },
  {
    id: 12,
    name: 'master-key-checks',
    // One check value per master key id, sealed under that key at its first start: a start with
    // other key bytes under the same id (another CANDID_SECRET, another CANDID_MASTER_KEYS) is
    // refused (MASTER_KEY_MISMATCH) instead of answering DATA_INTEGRITY for every old session.
    sql: /* sql */ `
      create table master_key_checks (
        kid          text primary key,
        check_value  bytea not null,
        created_at   timestamptz not null default now()
      );
    `,
  },
  {
    id: 13,
    name: 'upload-create-failed',
    // An upload row whose storage object could not be created (an outage during POST) is marked
    // 'failed': it no longer counts against the take's upload cap; the sweep still cleans it up.
    sql: /* sql */ `
      alter table uploads drop constraint uploads_status_check;
      alter table uploads add constraint uploads_status_check check (status in ('receiving', 'complete', 'failed'));
    `,
  },
];

/**
 * Applies pending migrations in one transaction behind an advisory lock, so several instances
 * starting together on one PostgreSQL database migrate once. Safe to call on every start.
 */
export async function migrate(db: Database, schema = 'candid'): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`candid-migrate:${schema}`]);
    await tx.exec(`create schema if not exists ${schema}`);
    await tx.exec(
      `create table if not exists ${schema}.migrations (
         id integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const { rows } = await tx.query<{ id: number }>(`select id from ${schema}.migrations`);
    const done = new Set(rows.map((row) => row.id));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query(`insert into ${schema}.migrations (id, name) values ($1, $2)`, [migration.id, migration.name]);
      applied.push(migration.id);
    }
    return applied;
  });
}
