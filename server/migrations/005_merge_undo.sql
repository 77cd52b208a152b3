-- Undoing a customer merge: the merge row stays (the audit keeps both events) and records who
-- undid it, when and why. A duplicate whose merge was undone may be merged again later.
ALTER TABLE customer_merges
  ADD COLUMN undone_at timestamptz,
  ADD COLUMN undone_by uuid REFERENCES users (id),
  ADD COLUMN undo_reason text;
DROP INDEX customer_merges_merged_key;
CREATE UNIQUE INDEX customer_merges_merged_key ON customer_merges (merged_id) WHERE undone_at IS NULL;
