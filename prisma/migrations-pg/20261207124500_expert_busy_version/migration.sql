-- PostgreSQL twin of the SQLite migration 20261207124500_expert_busy_version (issue 14, decision
-- 0014): each expert's busy times are kept in each process under ExpertProfile.busyVersion;
-- a booking inserted or deleted, or updated in its expert, times, status or wishDate, bumps it
-- (the old expert's and the new one's) in its own transaction (triggers.sql).
ALTER TABLE "ExpertProfile" ADD COLUMN "busyVersion" INTEGER NOT NULL DEFAULT 0;
