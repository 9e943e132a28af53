"""Stories: reports of one event grouped into event clusters, clusters into developing stories.

``signals`` reads an article (multilingual vector, day, keys), ``assign`` decides where it goes,
``provenance`` and ``discrepancies`` read a cluster's or a story's stored reports. The database
side (candidate index, membership) is :mod:`sitrep.store.stories`.
"""
