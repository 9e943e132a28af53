"""Tables of the sitrep database (SQLAlchemy Core; SQLite by default, PostgreSQL when shared)."""

from __future__ import annotations

from sqlalchemy import (
    Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("source_key", Text, nullable=False, unique=True),
    Column("uri", Text),
    Column("outlet", Text),
    Column("input_id", Text),
    Column("title", Text),
    Column("category", Text),
    Column("published", String(40)),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # the whole JSON record
    Column("ingested_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("kb_id", Text),
    Column("country", String(3)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("precision", String(16)),
    Column("mention_count", Integer, nullable=False),
)

mentions = Table(
    "mentions", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(32), nullable=False),
    Column("sentence", Integer),
)

events = Table(
    "events", metadata,
    Column("id", Text, primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("actor_text", Text),
    Column("actor_country", String(3)),
    Column("recipient_text", Text),
    Column("recipient_country", String(3)),
    Column("event_date", String(40)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("precision", String(16)),
    Column("certainty", String(16)),
    Column("confidence", Float),
    Column("summary", Text),
    Column("sentence", Integer),
    Column("start", Integer),
    Column("end", Integer),
    Column("record", Text, nullable=False),
)

event_mentions = Table(  # where each event and each part of it is said: GDELT's mentions, at span grain
    "event_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),  # event | trigger | actor | ... | attribution | caveat
    Column("ordinal", Integer, nullable=False),  # position in the record's list (items, attribution, ...)
    Column("sentence", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),  # the article's clean text from start to end, exactly
    Column("name", Text),  # what the record calls the span (an attribution's outlet, a caveat's source)
    Column("kind", String(16)),  # an attribution's kind (cited_outlet, official, person, ...)
    Column("entity_id", Text),
    Column("country", String(3)),
    Column("source", Text),  # the outlet of the article
    Column("certainty", String(16)),  # of the event
    Column("confidence", Float),  # of the event
)

kb_memory = Table(  # names first seen in one article, remembered for the next ones
    "kb_memory", metadata,
    Column("type", String(32), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("entity_id", Text, nullable=False),
)

article_versions = Table(  # a record as it was before an update replaced it (schema version 4)
    "article_versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_key", Text, nullable=False),  # the identity both versions share
    Column("article_id", String(40), nullable=False),  # the content hash the version had
    Column("title", Text),
    Column("record", Text, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("replaced_at", String(40), nullable=False),
    Column("replaced_by", String(40), nullable=False),
)

Index("ix_mentions_article", mentions.c.article_id)
Index("ix_mentions_entity", mentions.c.entity_id)
Index("ix_entities_kb", entities.c.kb_id)
Index("ix_events_article", events.c.article_id)
Index("ix_events_actor", events.c.actor_country)
Index("ix_articles_published", articles.c.published)
Index("ix_event_mentions_event", event_mentions.c.event_id)
Index("ix_event_mentions_article", event_mentions.c.article_id)
Index("ix_article_versions_key", article_versions.c.source_key)
Index("ix_article_versions_article", article_versions.c.article_id)

V1_TABLES = (articles, entities, mentions, events, kb_memory)  # what schema version 1 created

# Stories (schema version 4): a story groups event clusters, a cluster groups the articles that
# report one event; membership is per article, and an article's events share its ids.
stories = Table(
    "stories", metadata,
    Column("id", String(24), primary_key=True),
    Column("seq", Integer, nullable=False),  # creation order: a merge keeps the smaller
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
)

story_clusters = Table(
    "story_clusters", metadata,
    Column("id", String(24), primary_key=True),
    Column("story_id", String(24), nullable=False),
    Column("seq", Integer, nullable=False),
)

story_components = Table(  # neighbourhoods: connected groups of linked articles, split into stories
    "story_components", metadata,
    Column("id", String(24), primary_key=True),
    Column("seq", Integer, nullable=False),
)

story_members = Table(
    "story_members", metadata,
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("component_id", String(24), nullable=False),
    Column("story_id", String(24), nullable=False),
    Column("cluster_id", String(24), nullable=False),
    Column("day", Integer),  # reference day ordinal; NULL when the article is undated
    Column("year", Integer),  # the reference day's year, or a year in the URL path
    Column("vector", LargeBinary, nullable=False),  # float16 story vector
    Column("assigned_at", String(40), nullable=False),
    Column("ordinal", Integer, nullable=False),  # assignment order (a rebuild replays it)
)

story_keys = Table(  # the candidate index: entity ids ("e:...") and vector hash buckets ("h:t:bits")
    "story_keys", metadata,
    Column("key", Text, nullable=False),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("day", Integer),
)

Index("ix_story_members_component", story_members.c.component_id)
Index("ix_story_members_story", story_members.c.story_id)
Index("ix_story_members_cluster", story_members.c.cluster_id)
Index("ix_story_members_day", story_members.c.day)
Index("ix_story_clusters_story", story_clusters.c.story_id)
Index("ix_story_members_ordinal", story_members.c.ordinal)  # schema version 6: next numbers without a scan
Index("ix_stories_seq", stories.c.seq)
Index("ix_story_clusters_seq", story_clusters.c.seq)
Index("ix_story_components_seq", story_components.c.seq)
Index("ix_story_keys_key_day_article", story_keys.c.key, story_keys.c.day, story_keys.c.article_id)
Index("ix_story_keys_article", story_keys.c.article_id)

STORY_TABLES = (stories, story_clusters, story_components, story_members, story_keys)
