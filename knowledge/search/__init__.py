"""
Publication search (issue 6): one query object and result shape, two backends
(Elasticsearch, the database), an index kept current by tasks.

Entry points: `knowledge.search.backends.search_publications(query, viewer)`,
`knowledge.search.query.SearchQuery`, `knowledge.search.signals.connect_search_signals()`
(called from the app's ready()), `manage.py search_index --rebuild`.
"""
