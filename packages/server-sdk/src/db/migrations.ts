import type { Database } from './database.js';

/**
 * Forward-only migrations, applied in order inside one transaction each. Everything lives in the
 * `candid` schema so the SDK can share an ATS's own database without name clashes.
 * Never edit a shipped migration: add a new one.
 */
export const migrations: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'initial',
    sql: /* sql */ `
      create table candid.interviews (
        id          text primary key,
        title       text not null,
        locale      text not null default 'en',
        questions   jsonb not null,
        notice      jsonb,
        created_at  timestamptz not null default now()
      );

      create table candid.sessions (
        id                    text primary key,
        interview_id          text not null references candid.interviews(id),
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
      create index sessions_interview_idx on candid.sessions (interview_id, created_at);

      -- Immutable proof of what the candidate was shown and chose (compliance.md §2.2).
      create table candid.consent_records (
        id                   text primary key,
        session_id           text not null references candid.sessions(id),
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
      create index consent_records_session_idx on candid.consent_records (session_id, decided_at);

      -- One tus upload (one track of one take). Ids are minted by the server and bound to a session.
      create table candid.uploads (
        id           text primary key,
        session_id   text not null references candid.sessions(id),
        question_id  text not null,
        attempt      integer not null check (attempt >= 1),
        track        text not null check (track in ('video', 'audio')),
        mime_type    text not null,
        size_bytes   bigint,
        status       text not null default 'receiving' check (status in ('receiving', 'complete')),
        created_at   timestamptz not null default now(),
        completed_at timestamptz
      );
      create index uploads_take_idx on candid.uploads (session_id, question_id, attempt, track, created_at);

      create table candid.answers (
        id               text primary key,
        session_id       text not null references candid.sessions(id),
        question_id      text not null,
        attempt          integer not null,
        duration_ms      integer,
        speech_segments  jsonb not null default '[]',
        committed_at     timestamptz not null default now(),
        unique (session_id, question_id)
      );

      create table candid.answer_media (
        answer_id   text not null references candid.answers(id),
        upload_id   text not null references candid.uploads(id),
        track       text not null,
        mime_type   text not null,
        size_bytes  bigint not null,
        sha256      text not null,
        primary key (answer_id, track)
      );

      -- Consent records are evidence: refuse updates and deletes at the database level.
      create function candid.forbid_change() returns trigger language plpgsql as $$
      begin
        raise exception 'candid.%: rows are immutable', tg_table_name;
      end $$;
      create trigger consent_records_immutable before update or delete on candid.consent_records
        for each row execute function candid.forbid_change();
    `,
  },
];

/** Applies pending migrations; safe to call on every start (and from several processes on Postgres). */
export async function migrate(db: Database): Promise<number[]> {
  await db.query('create schema if not exists candid');
  await db.query(
    `create table if not exists candid.migrations (
       id integer primary key, name text not null, applied_at timestamptz not null default now())`,
  );
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // Serialises concurrent migrators on Postgres; a no-op cost on PGlite.
      await tx.query('select pg_advisory_xact_lock(7261001)');
      const { rows } = await tx.query('select 1 from candid.migrations where id = $1', [migration.id]);
      if (rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into candid.migrations (id, name) values ($1, $2)', [migration.id, migration.name]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
