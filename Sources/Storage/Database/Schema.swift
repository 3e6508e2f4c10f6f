import Foundation
import GRDB
import Records

/// Versioned migrations. A migration, once shipped, is never edited: add a new one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-record-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );

                    -- The log: every envelope ever accepted, as its exact bytes, in arrival order.
                    CREATE TABLE envelopes (
                        position INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        origin TEXT NOT NULL,
                        -- 'shared' (network + parties, held in full by the hub) or 'local' (never leaves the node).
                        chain TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        hash TEXT NOT NULL,
                        type TEXT NOT NULL,
                        record TEXT NOT NULL,
                        visibility TEXT NOT NULL,
                        recipients TEXT NOT NULL,
                        created TEXT NOT NULL,
                        header BLOB NOT NULL,
                        signature BLOB NOT NULL,
                        body BLOB NOT NULL,
                        UNIQUE (origin, chain, seq)
                    );
                    CREATE TRIGGER envelopes_no_update BEFORE UPDATE ON envelopes
                    BEGIN SELECT RAISE(ABORT, 'the envelope log is append-only'); END;

                    -- Current state: the latest version of each logical record.
                    CREATE TABLE records (
                        record TEXT PRIMARY KEY NOT NULL,
                        type TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        envelope TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        created TEXT NOT NULL,
                        first_created TEXT NOT NULL,
                        retracted INTEGER NOT NULL DEFAULT 0,
                        visibility TEXT NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX records_by_type ON records (type, origin);

                    CREATE TABLE structures (
                        structure TEXT PRIMARY KEY NOT NULL,
                        record TEXT NOT NULL,
                        name TEXT NOT NULL,
                        sector TEXT NOT NULL,
                        signing_key TEXT NOT NULL
                    );

                    CREATE TABLE offers (
                        record TEXT PRIMARY KEY NOT NULL,
                        origin TEXT NOT NULL,
                        status TEXT NOT NULL,
                        commune TEXT NOT NULL,
                        duration INTEGER NOT NULL,
                        capacity INTEGER NOT NULL,
                        updated TEXT NOT NULL
                    );
                    CREATE INDEX offers_by_status ON offers (status, commune);

                    CREATE TABLE offer_periods (
                        record TEXT NOT NULL,
                        start_day TEXT NOT NULL,
                        end_day TEXT NOT NULL
                    );
                    CREATE INDEX offer_periods_by_record ON offer_periods (record);

                    -- Published offers only, keyed by the offers table's rowid (an FTS5 lookup by rowid is
                    -- direct; by an UNINDEXED column it scans). remove_diacritics 2: "education" finds "Éducation".
                    CREATE VIRTUAL TABLE offers_fts USING fts5(
                        record UNINDEXED, title, place, content,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    """
            )
        }
        migrator.registerMigration("v2-federation") { db in
            try db.execute(
                sql: """
                    -- Set by the hub for a correctly signed record whose content is invalid:
                    -- it keeps its place in the chain but is never relayed.
                    ALTER TABLE envelopes ADD COLUMN withheld TEXT;

                    -- Who may receive each `parties` envelope (hub: enforce visibility on pull).
                    CREATE TABLE envelope_recipients (
                        structure TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (structure, position)
                    ) WITHOUT ROWID;

                    -- Member directory, projected from hub-signed member and revocation records.
                    CREATE TABLE member_keys (
                        structure TEXT NOT NULL,
                        key_id TEXT NOT NULL,
                        public_key BLOB NOT NULL,
                        encryption_key BLOB NOT NULL,
                        encryption_key_id TEXT NOT NULL,
                        certificate_fingerprint TEXT NOT NULL,
                        name TEXT NOT NULL,
                        sector TEXT NOT NULL,
                        enrolled_at TEXT NOT NULL,
                        revoked_at TEXT,
                        last_valid_seq INTEGER,
                        PRIMARY KEY (structure, key_id)
                    );
                    CREATE INDEX member_keys_by_certificate ON member_keys (certificate_fingerprint);

                    -- Hub only: one-time enrollment invitations (the code itself is never stored).
                    CREATE TABLE invitations (
                        code_hash TEXT PRIMARY KEY NOT NULL,
                        structure_name TEXT NOT NULL,
                        sector TEXT,
                        -- Set for a renewal: the code may only re-enroll this existing structure.
                        structure_id TEXT,
                        created TEXT NOT NULL,
                        expires TEXT NOT NULL,
                        used_at TEXT,
                        used_by TEXT
                    );

                    -- Envelopes refused because they fork a chain (same origin and sequence, other hash).
                    CREATE TABLE quarantine (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        envelope_id TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        hash TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        wire BLOB NOT NULL
                    );

                    -- Hub only: push batches already applied, so a replayed batch changes nothing.
                    CREATE TABLE push_batches (
                        origin TEXT NOT NULL,
                        batch TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        response BLOB NOT NULL,
                        PRIMARY KEY (origin, batch)
                    );
                    """
            )
        }
        migrator.registerMigration("v3-accounts") { db in
            try db.execute(
                sql: """
                    -- Local data: accounts and sessions never leave the node.
                    CREATE TABLE accounts (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        password_hash TEXT NOT NULL,
                        created TEXT NOT NULL,
                        disabled INTEGER NOT NULL DEFAULT 0
                    );
                    -- Only a hash of the session token is stored: a copy of the database opens no session.
                    CREATE TABLE sessions (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        created TEXT NOT NULL,
                        expires TEXT NOT NULL
                    );
                    -- Failed logins per account and per address, for throttling.
                    CREATE TABLE login_failures (
                        key TEXT NOT NULL,
                        at TEXT NOT NULL
                    );
                    CREATE INDEX login_failures_by_key ON login_failures (key, at);
                    """
            )
        }
        migrator.registerMigration("v4-notifications") { db in
            try db.execute(
                sql: """
                    -- Local data: each notification sent once (key = what it is about, for whom).
                    CREATE TABLE notifications_sent (
                        key TEXT PRIMARY KEY NOT NULL,
                        sent_at TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v5-member-contacts") { db in
            try db.execute(
                sql: """
                    -- Hub only: when each member last synced, so the MDA sees structures gone silent.
                    CREATE TABLE member_contacts (
                        structure TEXT PRIMARY KEY NOT NULL,
                        last_seen TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v6-form-submissions") { db in
            try db.execute(
                sql: """
                    -- Local data: each state-changing form carries a one-time token; the first submission
                    -- claims it and keeps where it led, so a replay shows that instead of writing again.
                    CREATE TABLE form_submissions (
                        key TEXT PRIMARY KEY NOT NULL,
                        account INTEGER NOT NULL,
                        created TEXT NOT NULL,
                        result TEXT
                    );
                    CREATE INDEX form_submissions_by_age ON form_submissions (created);
                    """
            )
        }
        migrator.registerMigration("v7-offer-search-stems") { db in
            // The catalogue index gains a column of French stems ("pédopsychiatrie" finds
            // "pédopsychiatre"); FTS5 tables cannot gain columns, so the index is rebuilt.
            try db.execute(
                sql: """
                    DROP TABLE offers_fts;
                    CREATE VIRTUAL TABLE offer_search USING fts5(
                        record UNINDEXED, title, place, content, stems,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    """
            )
            for row in try Row.fetchAll(
                db,
                sql: "SELECT r.record, r.origin, r.created, r.body FROM records r JOIN offers o ON o.record = r.record WHERE o.status = 'published'"
            ) {
                guard let offer = try? Offer.validated(JSONParser.parse([UInt8](row["body"] as Data))) else { continue }
                try StateProjection.indexOffer(offer, record: row["record"], origin: row["origin"], updated: row["created"], db: db)
            }
        }
        migrator.registerMigration("v8-push-batch-content") { db in
            // A batch id reused with other envelopes must be refused, not answered with the old
            // outcome: the hub keeps a digest of each batch's content ('' for older batches).
            try db.execute(sql: "ALTER TABLE push_batches ADD COLUMN content_digest TEXT NOT NULL DEFAULT ''")
        }
        migrator.registerMigration("v9-audit-log") { db in
            try db.execute(
                sql: """
                    -- Local data, never synced: every administrative act on this node (who, what, when,
                    -- from which address), readable by the node's administrators.
                    CREATE TABLE audit_log (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        address TEXT
                    );
                    """
            )
        }
        migrator.registerMigration("v10-hub-administration") { db in
            try db.execute(
                sql: """
                    -- Hub only: the MDA administers the network from its site. Invitations keep the
                    -- address of the person who installs the node and can be withdrawn; the hub notes
                    -- which software version each member runs and when each certificate it issued expires.
                    ALTER TABLE invitations ADD COLUMN email TEXT;
                    ALTER TABLE invitations ADD COLUMN withdrawn_at TEXT;
                    ALTER TABLE member_contacts ADD COLUMN software TEXT;
                    CREATE TABLE member_certificates (
                        fingerprint TEXT PRIMARY KEY NOT NULL,
                        structure TEXT NOT NULL,
                        not_after TEXT NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v11-account-lifecycle") { db in
            try db.execute(
                sql: """
                    -- An invited account has no password until its owner opens the activation link.
                    ALTER TABLE accounts ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
                    -- Local data: single-use links (activation of an invited account, password reset).
                    -- Only a hash of the token is stored: a copy of the database opens no link.
                    CREATE TABLE account_links (
                        token_hash TEXT PRIMARY KEY NOT NULL,
                        account INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                        purpose TEXT NOT NULL,
                        created TEXT NOT NULL,
                        expires TEXT NOT NULL,
                        used TEXT
                    );
                    CREATE INDEX account_links_by_account ON account_links (account, purpose);
                    """
            )
        }
        migrator.registerMigration("v12-account-retention") { db in
            try db.execute(
                sql: """
                    -- Storage limitation: an account is "used" when someone signs in to it; one unused for
                    -- too long is retired (deactivated, retired_at set), then deleted (AccountRetention).
                    ALTER TABLE accounts ADD COLUMN last_active TEXT;
                    ALTER TABLE accounts ADD COLUMN retired_at TEXT;
                    UPDATE accounts SET last_active = created;
                    """
            )
        }
        migrator.registerMigration("v13-redactions") { db in
            try db.execute(
                sql: """
                    -- Erasure at the origin's request (Redactions): the body becomes its residue, the
                    -- header and signature stay. `redacted` names the redaction that erased it.
                    ALTER TABLE envelopes ADD COLUMN redacted TEXT;
                    DROP TRIGGER envelopes_no_update;
                    -- Still append-only: the one change allowed is erasing a body, once.
                    CREATE TRIGGER envelopes_only_erasure BEFORE UPDATE ON envelopes
                    WHEN OLD.redacted IS NOT NULL OR NEW.redacted IS NULL
                      OR NEW.position IS NOT OLD.position OR NEW.id IS NOT OLD.id OR NEW.origin IS NOT OLD.origin
                      OR NEW.chain IS NOT OLD.chain OR NEW.seq IS NOT OLD.seq OR NEW.hash IS NOT OLD.hash
                      OR NEW.type IS NOT OLD.type OR NEW.record IS NOT OLD.record OR NEW.visibility IS NOT OLD.visibility
                      OR NEW.recipients IS NOT OLD.recipients OR NEW.created IS NOT OLD.created OR NEW.header IS NOT OLD.header
                      OR NEW.signature IS NOT OLD.signature OR NEW.withheld IS NOT OLD.withheld
                    BEGIN SELECT RAISE(ABORT, 'the envelope log is append-only: only a body may be erased, once'); END;
                    """
            )
        }
        migrator.registerMigration("v14-deferred-signatures") { db in
            try db.execute(
                sql: """
                    -- Envelopes pulled whose header a later envelope of their chain authenticated, their
                    -- own signature not yet checked (protocol/federation.md, "Chain-tail verification").
                    -- The background pass checks them and removes them from here.
                    CREATE TABLE signature_pending (position INTEGER PRIMARY KEY NOT NULL);
                    """
            )
        }
        return migrator
    }
}
