-- Trigram operators back the audit log's free-text search index (GIN over search_text).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
