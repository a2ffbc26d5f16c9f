"""Stage 4b, authoring: helps people write records — `wenming new`, templates, JSON schemas, demo data.

Takes what the editor asks for and the existing records; gives new files (never over old ones).
Imports `records` (and below); only the edges (`cli`, `api`, `hooks/`) import it.
"""
