-- Reelay PostgreSQL schema v4: credit accounts and the append-only credit ledger. Amounts are integer micro-credits
-- (1 credit = 1,000,000) so sums are exact. Guarantee kept by every writer: an account's balance equals the sum of
-- its key's ledger entries (balance and entry change in one transaction).

CREATE TABLE credit_accounts (
    key_id      TEXT    NOT NULL PRIMARY KEY,   -- api key id, as jobs.owner_key_id
    limited     BOOLEAN NOT NULL DEFAULT FALSE, -- creates are refused when balance < price (set by the first top-up)
    balance     BIGINT  NOT NULL DEFAULT 0,     -- micro-credits; = SUM(credit_ledger.amount) of the key
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE credit_ledger (
    seq     BIGSERIAL PRIMARY KEY,
    key_id  TEXT    NOT NULL,
    kind    TEXT    NOT NULL,                   -- reserve | settle | refund | topup | open
    amount  BIGINT  NOT NULL,                   -- signed change of the balance, micro-credits
    job_id  TEXT,
    model   TEXT,
    at      BIGINT  NOT NULL
);

-- Second guard behind the terminal transition's compare-and-set: one reservation and one closing entry
-- (settle or refund, never both) per job.
CREATE UNIQUE INDEX ux_credit_ledger_reserve ON credit_ledger (job_id) WHERE kind = 'reserve';
CREATE UNIQUE INDEX ux_credit_ledger_close ON credit_ledger (job_id) WHERE kind IN ('settle', 'refund');
CREATE INDEX ix_credit_ledger_key_at ON credit_ledger (key_id, at);
CREATE INDEX ix_credit_ledger_at ON credit_ledger (at);

CREATE FUNCTION credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'credit_ledger is append-only';
END;
$$;
CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION credit_ledger_append_only();
