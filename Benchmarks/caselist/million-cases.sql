PRAGMA journal_mode=WAL;
INSERT INTO customers (id, name, email, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'Bulk Customer', 'bulk@example.com', 1790000000, 1790000000);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO cases (id, reference, customer_id, channel, language, subject, stage, priority, assignee_id, team, fault,
                   peak_anger, created_at, updated_at, first_response_due, resolution_due, first_responded_at)
SELECT printf('%08X-%04X-7000-8000-%012X', (1700000000000 + i * 60000) / 65536, (1700000000000 + i * 60000) % 65536, i),
       printf('C-%06d', i),
       '00000000-0000-4000-8000-000000000001',
       'web',
       CASE i % 6 WHEN 0 THEN 'el' WHEN 1 THEN 'es' WHEN 2 THEN 'tr' WHEN 3 THEN 'ru' WHEN 4 THEN 'tl' ELSE 'en' END,
       'bulk subject',
       CASE i % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'acknowledged' WHEN 2 THEN 'clarifying' WHEN 3 THEN 'owning'
            WHEN 4 THEN 'agreeing' WHEN 5 THEN 'awaiting_approval' WHEN 6 THEN 'in_progress' WHEN 7 THEN 'resolved'
            WHEN 8 THEN 'closed' ELSE 'reopened' END,
       'normal', NULL, NULL, 'unknown',
       (i * 7) % 4,
       1700000000 + i * 60, 1700000000 + i * 60, 1700000000 + i * 60 + 28800, 1700000000 + i * 60 + 259200, NULL
FROM n;
INSERT INTO case_categories (id, case_id, category, language)
SELECT printf('%08X-0000-4000-8000-%012X', rowid, rowid), id,
       CASE rowid % 6 WHEN 0 THEN 'availability' WHEN 1 THEN 'cleanliness' WHEN 2 THEN 'staff' WHEN 3 THEN 'pricing'
            WHEN 4 THEN 'waiting' ELSE 'quality' END,
       language
FROM cases;
-- No ANALYZE: the timings are for a database as Defuse leaves it.
