"""Runs argilla-server's own CLI with two additions the local harness needs.

1. A search-engine adapter for osmem-server (an in-memory OpenSearch stand-in):
   osmem has no painless scripts and no `knn` query, so the three scripted
   updates are done client-side (read, edit, write back with optimistic
   concurrency) and similarity search ranks by cosine similarity here.
   Select it with ARGILLA_SEARCH_ENGINE=osmem.
2. ARGILLA_LITE_STATIC_DIR: serve that folder (this project's dist/) at the
   root instead of the package's bundled frontend, with argilla's own
   @@baseUrl@@ rewriting and SPA fallback.
3. ARGILLA_LITE_ALSO_AT=/lite with ARGILLA_LITE_ALSO_DIR=<dist>: also serve
   that folder under that path, beside the frontend at the root, with the API
   mounted there too (the app calls <its base>/api/v1). Off unless set; the
   benchmark uses it to serve both frontends from one server process.
4. ARGILLA_LITE_DATASETS_SERVER: the served copy's index.html names that
   address as the Hub's dataset viewer (the Hub stand-in in tests) instead
   of https://datasets-server.huggingface.co.

Usage: python argilla_launch.py <argilla cli args...>
       python argilla_launch.py prepare USER PASSWORD API_KEY
           (database migrate + create the owner, in one process: each CLI
           start costs seconds of imports)
"""

import math
import os
import sys

from argilla_server.search_engine import SearchEngine
from argilla_server.search_engine.commons import es_field_for_vector_settings
from argilla_server.search_engine.opensearch import OpenSearchEngine
from opensearchpy.exceptions import ConflictError


@SearchEngine.register(engine_name="osmem")
class OsmemEngine(OpenSearchEngine):
    async def _edit_source(self, index_name, doc_id, edit):
        for _ in range(20):
            doc = await self.client.get(index=index_name, id=doc_id)
            source = doc["_source"]
            edit(source)
            try:
                await self.client.index(
                    index=index_name,
                    id=doc_id,
                    body=source,
                    if_seq_no=doc["_seq_no"],
                    if_primary_term=doc["_primary_term"],
                    refresh=True,
                )
                return
            except ConflictError:
                continue
        raise RuntimeError(f"could not update document {doc_id}: too many concurrent edits")

    async def update_record_response(self, response):
        record = response.record
        es_response = self._map_record_response_to_es(response)

        def edit(source):
            kept = [r for r in (source.get("responses") or []) if r.get("id") != es_response["id"]]
            source["responses"] = kept + [es_response]

        await self._edit_source(self._index(record.dataset), str(record.id), edit)

    async def delete_record_response(self, response):
        record = response.record
        response_id = str(response.id)

        def edit(source):
            source["responses"] = [r for r in (source.get("responses") or []) if r.get("id") != response_id]

        await self._edit_source(self._index(record.dataset), str(record.id), edit)

    async def delete_record_suggestion(self, suggestion):
        name = suggestion.question.name

        def edit(source):
            (source.get("suggestions") or {}).pop(name, None)

        await self._edit_source(self._index(suggestion.record.dataset), str(suggestion.record_id), edit)

    async def _request_similarity_search(
        self, index, vector_settings, value, k, excluded_id=None, query_filters=None
    ):
        field = es_field_for_vector_settings(vector_settings)
        key = field.split(".", 1)[1]
        query = {"bool": {"must": [{"match_all": {}}]}}
        if excluded_id:
            query["bool"]["must_not"] = [{"ids": {"values": [str(excluded_id)]}}]
        if query_filters:
            query["bool"]["filter"] = [
                {"bool": {"should": query_filters, "minimum_should_match": len(query_filters)}}
            ]
        found = await self.client.search(index=index, body={"query": query}, _source=[field], size=10000)
        scored = []
        for hit in found["hits"]["hits"]:
            vector = ((hit.get("_source") or {}).get("vectors") or {}).get(key)
            if vector:
                scored.append({"_id": hit["_id"], "_score": (1.0 + _cosine(value, vector)) / 2.0})
        scored.sort(key=lambda h: h["_score"], reverse=True)
        top = scored[:k]
        return {"hits": {"total": {"value": len(top), "relation": "eq"}, "hits": top}}

    @staticmethod
    def _index(dataset):
        from argilla_server.search_engine.commons import es_index_name_for_dataset

        return es_index_name_for_dataset(dataset)


def _cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def _serve_static_dir_from_env():
    """Swap the frontend argilla mounted at "/" for ARGILLA_LITE_STATIC_DIR.

    argilla builds its app at import time, so the static mount is replaced
    afterwards, with the same @@baseUrl@@ rewrite argilla applies to its own.
    """
    static_dir = os.environ.get("ARGILLA_LITE_STATIC_DIR")
    if not static_dir:
        return
    from argilla_server import helpers
    from argilla_server._app import app
    from argilla_server.settings import settings
    from argilla_server.static_rewrite import RewriteStaticFiles

    copy = _rewritten_copy(static_dir, helpers.remove_suffix(settings.base_url, suffix="/"))
    found = _static_mount(app.routes)
    if not found:
        raise SystemExit("argilla_launch: could not find argilla's static mount to replace")
    routes, i = found
    routes[i].app = routes[i]._base_app = RewriteStaticFiles(directory=copy, html=True, check_dir=False)


def _static_mount(routes):
    """The route list holding argilla's static mount and the mount's index in it, or None."""
    from argilla_server.static_rewrite import RewriteStaticFiles

    for i, route in enumerate(routes):
        if isinstance(getattr(route, "app", None), RewriteStaticFiles):
            return routes, i
        found = _static_mount(getattr(route, "routes", None) or getattr(getattr(route, "app", None), "routes", None) or [])
        if found:
            return found
    return None


def _rewritten_copy(static_dir, base_url):
    """A temporary copy of static_dir with @@baseUrl@@ replaced, as argilla does for its own."""
    import glob
    import shutil
    import tempfile

    from argilla_server import helpers

    copy = shutil.copytree(static_dir, tempfile.mkdtemp() + "/statics")
    for pattern in ("*.js", "*.html"):
        for file in glob.glob(f"{copy}/**/{pattern}", recursive=True):
            helpers.replace_string_in_file(file, string="@@baseUrl@@", replace_by=base_url)
    viewer = os.environ.get("ARGILLA_LITE_DATASETS_SERVER")
    if viewer:
        helpers.replace_string_in_file(
            f"{copy}/index.html", string=DATASETS_SERVER_DEFAULT, replace_by=viewer.rstrip("/")
        )
    return copy


DATASETS_SERVER_DEFAULT = "https://datasets-server.huggingface.co"


def _also_serve_app_from_env():
    """ARGILLA_LITE_ALSO_AT: a second frontend under a sub-path of the same app,
    mounted before argilla's catch-all static mount so the same middleware
    (Brotli/gzip, Server-Timing) serves both."""
    prefix = os.environ.get("ARGILLA_LITE_ALSO_AT")
    if not prefix:
        return
    from starlette.routing import Mount

    from argilla_server import helpers
    from argilla_server._app import app
    from argilla_server.api.routes import api_v1
    from argilla_server.settings import settings
    from argilla_server.static_rewrite import RewriteStaticFiles

    prefix = "/" + prefix.strip("/")
    base_url = helpers.remove_suffix(settings.base_url, suffix="/")
    copy = _rewritten_copy(os.environ["ARGILLA_LITE_ALSO_DIR"], base_url + prefix)
    mount = Mount(
        prefix,
        routes=[
            Mount("/api/v1", app=api_v1),
            Mount("/", app=RewriteStaticFiles(directory=copy, html=True, check_dir=False)),
        ],
    )

    found = _static_mount(app.routes)
    if not found:
        raise SystemExit("argilla_launch: could not find argilla's static mount to serve beside")
    routes, i = found
    routes.insert(i, mount)


def main():
    _serve_static_dir_from_env()
    _also_serve_app_from_env()
    from argilla_server.cli import app

    args = sys.argv[1:]
    if args[:1] == ["prepare"]:
        username, password, api_key = args[1:4]
        app(args=["database", "migrate"], standalone_mode=False)
        app(
            args=[
                "database", "users", "create",
                "--username", username, "--password", password,
                "--role", "owner", "--api-key", api_key, "--first-name", username.capitalize(),
            ],
            standalone_mode=False,
        )
        return
    app(args=args)


if __name__ == "__main__":
    main()
