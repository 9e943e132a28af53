"""What sitrep knows before it reads: countries (names, demonyms, capitals, seats), the curated
knowledge base (facilities, groups, organisations, leaders, weapons, platforms) and city names.

Resources, not a stage: every stage may read them; they import nothing from the stages.
"""
