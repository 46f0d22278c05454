-- Reelay schema v5: credit accounts and the append-only credit ledger. Amounts are integer micro-credits
-- (1 credit = 1,000,000) so sums are exact. Guarantee kept by every writer: an account's balance equals the sum of
-- its key's ledger entries (balance and entry change in one transaction).

CREATE TABLE credit_accounts (
    key_id      TEXT    NOT NULL PRIMARY KEY,   -- api key id, as jobs.owner_key_id
    limited     INTEGER NOT NULL DEFAULT 0,     -- 1: creates are refused when balance < price (set by the first top-up)
    balance     INTEGER NOT NULL DEFAULT 0,     -- micro-credits; = SUM(credit_ledger.amount) of the key
    updated_at  INTEGER NOT NULL
);

CREATE TABLE credit_ledger (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id  TEXT    NOT NULL,
    kind    TEXT    NOT NULL,                   -- reserve | settle | refund | topup | open
    amount  INTEGER NOT NULL,                   -- signed change of the balance, micro-credits
    job_id  TEXT,
    model   TEXT,
    at      INTEGER NOT NULL
);

-- Second guard behind the terminal transition's compare-and-set: one reservation and one closing entry
-- (settle or refund, never both) per job.
CREATE UNIQUE INDEX ux_credit_ledger_reserve ON credit_ledger (job_id) WHERE kind = 'reserve';
CREATE UNIQUE INDEX ux_credit_ledger_close ON credit_ledger (job_id) WHERE kind IN ('settle', 'refund');
CREATE INDEX ix_credit_ledger_key_at ON credit_ledger (key_id, at);
CREATE INDEX ix_credit_ledger_at ON credit_ledger (at);

CREATE TRIGGER credit_ledger_no_update BEFORE UPDATE ON credit_ledger
BEGIN SELECT RAISE(ABORT, 'credit_ledger is append-only'); END;
CREATE TRIGGER credit_ledger_no_delete BEFORE DELETE ON credit_ledger
BEGIN SELECT RAISE(ABORT, 'credit_ledger is append-only'); END;
