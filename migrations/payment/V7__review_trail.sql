-- The review trail (docs/API.md, "Review"): who resolved a payment held for review is the name of the API
-- key that sent the approval or decline (never the key), kept beside the operator name a client may give
-- (resolved_by). With created_at, decided_at (and the decision) and resolved_at the payment row holds its
-- whole status history, which GET /payments/{id}/history shows; the lifecycle allows no other changes.
ALTER TABLE payment_schema.payment_request ADD COLUMN resolved_by_key TEXT;
