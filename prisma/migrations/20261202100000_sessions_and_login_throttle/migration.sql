-- Sessions are rows on the server: the cookie carries a random token, the table keeps only its SHA-256, so a copy of
-- this table cannot be replayed. Logout deletes the row; a role or password change deletes all of the user's rows.
CREATE TABLE "sessions" (
    "id" VARCHAR(64) NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Failed logins, counted per account (the submitted email, known or not) and per client address over a window, in
-- the database so every process enforces the same limit. A row is written before the password is checked and removed
-- when it was right, so concurrent attempts cannot slip past the limit.
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "client_address" VARCHAR(64) NOT NULL,
    "attempted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "login_attempts_email_attempted_at_idx" ON "login_attempts"("email", "attempted_at");
CREATE INDEX "login_attempts_client_address_attempted_at_idx" ON "login_attempts"("client_address", "attempted_at");
CREATE INDEX "login_attempts_attempted_at_idx" ON "login_attempts"("attempted_at");

-- When the password was last set by a person (a rehash at a higher cost does not count).
ALTER TABLE "users" ADD COLUMN "password_changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Whatever path changes a role or a password (app, command line, SQL), the user's sessions end with it.
CREATE FUNCTION "users_revoke_sessions"() RETURNS trigger AS $$
BEGIN
  IF NEW."role" IS DISTINCT FROM OLD."role" OR NEW."password_changed_at" IS DISTINCT FROM OLD."password_changed_at" THEN
    DELETE FROM "sessions" WHERE "user_id" = NEW."id";
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "users_revoke_sessions" AFTER UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "users_revoke_sessions"();

-- Session cookies are no longer signed: the secret kept for that is gone.
DELETE FROM "app_settings" WHERE "key" = 'session_secret';
