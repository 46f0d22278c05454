-- Reelay schema v2: hosted image uploads (Leonardo init-image flow) and per-key Leonardo callbacks.

CREATE TABLE uploads (
    id            TEXT    NOT NULL PRIMARY KEY,  -- Guid, "D" format; the provider's image id
    owner_key_id  TEXT    NOT NULL,
    extension     TEXT    NOT NULL,              -- as announced by the caller (png, jpg, jpeg, webp)
    blob_ref      TEXT,                          -- blob:inputs/... once the bytes arrived; NULL before
    expires_at    INTEGER NOT NULL,              -- the upload form is accepted until then
    created_at    INTEGER NOT NULL
);

-- Leonardo configures callbacks per API key, not per request.
ALTER TABLE api_keys ADD COLUMN leonardo_callback_url TEXT;
ALTER TABLE api_keys ADD COLUMN leonardo_callback_key TEXT;
