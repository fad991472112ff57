-- Alerts: which detector fired and when (wall clock) the alert was recorded;
-- one row per notification to send (channel, recipient, escalation level),
-- written with the alert in one transaction so a restart sends exactly what
-- is still pending.
ALTER TABLE alerts ADD COLUMN detector VARCHAR;
ALTER TABLE alerts ADD COLUMN recorded_at TIMESTAMP;
ALTER TABLE alerts ADD COLUMN dedupe_start TIMESTAMP;

CREATE TABLE alert_deliveries (
    alert_id      VARCHAR NOT NULL,
    level         INTEGER NOT NULL,          -- 0 = first on call, 1 = first escalation…
    channel       VARCHAR NOT NULL,
    recipient     VARCHAR NOT NULL DEFAULT '',
    due_at        TIMESTAMP NOT NULL,        -- wall clock (escalation delay, quiet hours)
    status        VARCHAR NOT NULL DEFAULT 'pending',  -- pending | sending | sent | failed | cancelled
    attempts      INTEGER NOT NULL DEFAULT 0,
    sent_at       TIMESTAMP,
    error         VARCHAR,
    PRIMARY KEY (alert_id, level, channel, recipient)
);
