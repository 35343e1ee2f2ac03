"""A local stand-in for huggingface.co, for the Hub import/export tests.

It stands in for the Hub only. The argilla-server, its rq worker and the
`datasets` / `huggingface_hub` libraries they use are the real ones, pointed
here with HF_ENDPOINT; the browser is pointed at the dataset viewer part with
the app's `argilla-lite-datasets-server` setting.

Served (each repo is a folder under DATA/datasets/<org>/<name>):
- Hub API and files, as `datasets.load_dataset` and `push_to_hub` call them:
  /api/datasets/<id>[/revision/<rev>], /tree/, /paths-info/, /resolve/
  (with ranges), /api/repos/create, /preupload/ (parquet goes through LFS
  like on the Hub: the basic batch API and a PUT; other files come inline
  in the commit), /commit/, /api/validate-yaml.
- Dataset viewer (with CORS), computed from the stored parquet files:
  /splits, /info, /first-rows, /statistics, and /assets/ for image cells.
- Repos listed in DATA/gated answer 401 to everything, like a gated or
  private dataset without access.
- DATA/private/<org>/<name> keeps the `private` flag a repo was created with.
- Writes need `Authorization: Bearer <the token in DATA/write-token>`.

At start it writes the sample dataset `local/reviews` (text, ClassLabel,
list of labels, image, chat, numbers, a low-cardinality string) with the
real `datasets` library, the gated `local/gated`, `local/kitchen` (two
subsets) and `local/broken` (the viewer reads it, the import job cannot).

Usage: python hub_standin.py DATA_DIR PORT
"""

import base64
import hashlib
import io
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

WRITE_TOKEN = "hf_local_write_token"
ROWS = 12
LABELS = ["negative", "neutral", "positive"]
TOPICS = ["food", "service", "price", "place"]
SOURCES = ["web", "app", "mail"]

lock = threading.Lock()


def make_samples(data):
    from datasets import ClassLabel, Dataset, Features, Image, List, Value
    from PIL import Image as PILImage

    features = Features(
        {
            "review": Value("string"),
            "sentiment": ClassLabel(names=LABELS),
            "topics": List(Value("string")),
            "photo": Image(),
            "conversation": List({"role": Value("string"), "content": Value("string")}),
            "stars": Value("int32"),
            "helpfulness": Value("float64"),
            "source": Value("string"),
        }
    )

    def photo(i):
        buffer = io.BytesIO()
        PILImage.new("RGB", (8, 8), (20 * i % 256, 90, 200)).save(buffer, format="PNG")
        return {"bytes": buffer.getvalue(), "path": f"photo{i}.png"}

    def rows(split, n, offset):
        return {
            "review": [f"{split} review {i}: the soup was {['cold', 'fine', 'great'][i % 3]}" for i in range(offset, offset + n)],
            "sentiment": [i % 3 for i in range(offset, offset + n)],
            "topics": [TOPICS[: 1 + i % 3] for i in range(offset, offset + n)],
            "photo": [photo(i) for i in range(offset, offset + n)],
            "conversation": [
                [{"role": "user", "content": f"How was visit {i}?"}, {"role": "assistant", "content": f"Visit {i} was ok."}]
                for i in range(offset, offset + n)
            ],
            "stars": [1 + i % 5 for i in range(offset, offset + n)],
            "helpfulness": [round(0.1 * i, 2) for i in range(offset, offset + n)],
            "source": [SOURCES[i % 3] for i in range(offset, offset + n)],
        }

    for repo, splits in (("local/reviews", {"train": (ROWS, 0), "test": (4, 100)}), ("local/gated", {"train": (3, 0)})):
        folder = os.path.join(data, "datasets", repo)
        os.makedirs(os.path.join(folder, "data"), exist_ok=True)
        for split, (n, offset) in splits.items():
            Dataset.from_dict(rows(split, n, offset), features=features).to_parquet(
                os.path.join(folder, "data", f"{split}-00000-of-00001.parquet")
            )
        with open(os.path.join(folder, "README.md"), "w") as f:
            f.write(f"---\nlicense: mit\n---\n# {repo}\n\nA sample dataset made by the test harness.\n")
    with open(os.path.join(data, "gated"), "w") as f:
        f.write("local/gated\n")
    make_kitchen(data)
    make_broken(data)


def make_kitchen(data):
    """`local/kitchen`: two subsets with different columns and splits, declared
    in the README's `configs` like push_to_hub declares them."""
    from datasets import ClassLabel, Dataset, Features, Value

    dishes = Features({"dish": Value("string"), "course": ClassLabel(names=["starter", "main", "dessert"]), "price": Value("float64")})
    drinks = Features({"drink": Value("string"), "kind": ClassLabel(names=["hot", "cold"]), "volume": Value("int32")})
    folder = repo_dir(data, "local/kitchen")
    parts = {
        ("dishes", "train"): Dataset.from_dict({"dish": [f"dish {i}" for i in range(4)], "course": [i % 3 for i in range(4)], "price": [4.5 + i for i in range(4)]}, features=dishes),
        ("drinks", "summer"): Dataset.from_dict({"drink": [f"summer drink {i}" for i in range(3)], "kind": [1, 1, 0], "volume": [250, 330, 500]}, features=drinks),
        ("drinks", "winter"): Dataset.from_dict({"drink": [f"winter drink {i}" for i in range(2)], "kind": [0, 1], "volume": [150, 200]}, features=drinks),
    }
    configs = {}
    for (config, split), dataset in parts.items():
        os.makedirs(os.path.join(folder, config), exist_ok=True)
        dataset.to_parquet(os.path.join(folder, config, f"{split}-00000-of-00001.parquet"))
        configs.setdefault(config, []).append(f"  - split: {split}\n    path: {config}/{split}-*\n")
    yaml = "".join(f"- config_name: {c}\n  data_files:\n" + "".join(s) for c, s in configs.items())
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write(f"---\nlicense: mit\nconfigs:\n{yaml}---\n# local/kitchen\n\nTwo subsets made by the test harness.\n")


def make_broken(data):
    """`local/broken`: the dataset viewer answers from its own good copy
    (the real viewer answers from its parquet conversion), but the repo's
    file is not parquet, so the real `datasets` library fails in the import job."""
    from datasets import ClassLabel, Dataset, Features, Value

    features = Features({"text": Value("string"), "label": ClassLabel(names=["no", "yes"])})
    good = Dataset.from_dict({"text": [f"broken row {i}" for i in range(3)], "label": [0, 1, 0]}, features=features)
    for folder in (viewer_copy(data, "local/broken"), repo_dir(data, "local/broken")):
        os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    good.to_parquet(os.path.join(viewer_copy(data, "local/broken"), "data", "train-00000-of-00001.parquet"))
    with open(os.path.join(repo_dir(data, "local/broken"), "data", "train-00000-of-00001.parquet"), "wb") as f:
        f.write(b"this is not a parquet file\n" * 40)


def repo_dir(data, repo):
    return os.path.join(data, "datasets", repo)


def within(folder, rel):
    """The file `rel` names inside `folder`, or None if it points outside (../)."""
    full = os.path.realpath(os.path.join(folder, rel))
    return full if full.startswith(os.path.realpath(folder) + os.sep) else None


def viewer_copy(data, repo):
    return os.path.join(data, "viewer", repo)


def viewer_dir(data, repo):
    """Where the dataset viewer reads a repo: its own copy if it has one."""
    copy = viewer_copy(data, repo)
    return copy if os.path.isdir(copy) else repo_dir(data, repo)


def files_of(folder):
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            full = os.path.join(root, name)
            found.append(os.path.relpath(full, folder))
    return sorted(found)


def oid(path):
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()


def revision(folder):
    digest = hashlib.sha1()
    for rel in files_of(folder):
        digest.update(rel.encode() + oid(os.path.join(folder, rel)).encode())
    return digest.hexdigest()


def entry(folder, rel):
    full = os.path.join(folder, rel)
    if os.path.isdir(full):
        return {"type": "directory", "oid": hashlib.sha1(rel.encode()).hexdigest(), "size": 0, "path": rel}
    return {"type": "file", "oid": oid(full), "size": os.path.getsize(full), "path": rel}


def split_files(folder):
    """{config: {split: [parquet paths]}} from the repo layout push_to_hub and the samples use."""
    configs = {}
    for rel in files_of(folder):
        m = re.match(r"^(?:(?P<config>[^/]+)/)?(?:data/)?(?P<split>[^/-]+)-\d+-of-\d+\.parquet$", rel)
        if m:
            config = m.group("config") if m.group("config") and m.group("config") != "data" else "default"
            configs.setdefault(config, {}).setdefault(m.group("split"), []).append(os.path.join(folder, rel))
    return configs


def load_split(paths):
    import pyarrow.parquet as pq
    from datasets import Features

    tables = [pq.read_table(p) for p in paths]
    meta = json.loads((tables[0].schema.metadata or {}).get(b"huggingface", b"{}"))
    features = Features.from_dict(meta.get("info", {}).get("features", {})) if meta else None
    rows = [r for t in tables for r in t.to_pylist()]
    return features, rows


class Handler(BaseHTTPRequestHandler):
    data = "."
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stdout.write("%s %s\n" % (self.command, fmt % args))
        sys.stdout.flush()

    # --- plumbing

    def send(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Error-Code")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def not_found(self, what="Repository not found"):
        self.send(404, {"error": what}, headers={"X-Error-Code": "RepoNotFound"})

    def gated(self, repo):
        with open(os.path.join(self.data, "gated")) as f:
            return repo in f.read().split()

    def refuse_gated(self):
        self.send(
            401,
            {"error": "The dataset does not exist, or is not accessible without authentication (private or gated). Please check the spelling of the dataset name or retry with authentication."},
            headers={"X-Error-Code": "ExternalUnauthenticatedError"},
        )

    def authorised(self):
        return self.headers.get("Authorization", "") == f"Bearer {WRITE_TOKEN}"

    def do_OPTIONS(self):
        self.send(204, b"", headers={"Access-Control-Allow-Headers": "*", "Access-Control-Allow-Methods": "GET, POST, HEAD"})

    def do_HEAD(self):
        self.do_GET()

    # --- routes

    def do_GET(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = unquote(url.path)
        if path in ("/splits", "/info", "/first-rows", "/statistics"):
            return self.viewer(path[1:], q)
        if path.startswith("/assets/"):
            return self.asset(path[len("/assets/"):])
        m = re.match(r"^/api/datasets/([^/]+/[^/]+)(?:/revision/([^/]+))?$", path)
        if m:
            return self.repo_info(m.group(1))
        m = re.match(r"^/api/datasets/([^/]+/[^/]+)/tree/([^/]+)/?(.*)$", path)
        if m:
            return self.tree(m.group(1), m.group(3), q.get("recursive") in ("true", "1", "True"))
        m = re.match(r"^/datasets/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$", path)
        if m:
            return self.resolve(m.group(1), m.group(3))
        self.not_found("Not found: " + path)

    def do_POST(self):
        path = unquote(urlparse(self.path).path)
        body = self.body()
        if path == "/api/repos/create":
            return self.create_repo(json.loads(body or b"{}"))
        if path == "/api/validate-yaml":
            return self.send(200, {"errors": [], "warnings": []})
        m = re.match(r"^/api/datasets/([^/]+/[^/]+)/paths-info/([^/]+)$", path)
        if m:
            return self.paths_info(m.group(1), body)
        m = re.match(r"^/api/datasets/([^/]+/[^/]+)/preupload/([^/]+)$", path)
        if m:
            files = json.loads(body or b"{}").get("files", [])
            modes = [{"path": f["path"], "uploadMode": "lfs" if f["path"].endswith(".parquet") else "regular", "shouldIgnore": False} for f in files]
            return self.send(200, {"files": modes})
        m = re.match(r"^/datasets/([^/]+/[^/]+)\.git/info/lfs/objects/batch$", path)
        if m:
            return self.lfs_batch(json.loads(body or b"{}"))
        m = re.match(r"^/api/datasets/([^/]+/[^/]+)/commit/([^/]+)$", path)
        if m:
            return self.commit(m.group(1), body)
        self.not_found("Not found: " + path)

    def do_PUT(self):
        path = unquote(urlparse(self.path).path)
        body = self.body()
        m = re.match(r"^/lfs-upload/([0-9a-f]{64})$", path)
        if not m or hashlib.sha256(body).hexdigest() != m.group(1):
            return self.send(400, {"error": "bad LFS upload"})
        os.makedirs(os.path.join(self.data, "lfs"), exist_ok=True)
        with open(os.path.join(self.data, "lfs", m.group(1)), "wb") as f:
            f.write(body)
        self.send(200, b"")

    # --- Hub API

    def lfs_batch(self, request):
        if not self.authorised():
            return self.send(401, {"message": "Invalid credentials"})
        host = f"http://{self.headers['Host']}"
        objects = [
            {"oid": o["oid"], "size": o["size"], "actions": {"upload": {"href": f"{host}/lfs-upload/{o['oid']}", "header": {}}}}
            for o in request.get("objects", [])
        ]
        self.send(200, {"transfer": "basic", "objects": objects}, "application/vnd.git-lfs+json")

    def repo_info(self, repo):
        folder = repo_dir(self.data, repo)
        if not os.path.isdir(folder):
            return self.not_found()
        if self.gated(repo):
            return self.refuse_gated()
        self.send(200, {
            "_id": hashlib.sha1(repo.encode()).hexdigest()[:24],
            "id": repo,
            "author": repo.split("/")[0],
            "sha": revision(folder),
            "private": False,
            "gated": False,
            "disabled": False,
            "tags": [],
            "cardData": {},
            "lastModified": "2026-01-01T00:00:00.000Z",
            "siblings": [{"rfilename": rel} for rel in files_of(folder)],
        })

    def tree(self, repo, sub, recursive):
        folder = repo_dir(self.data, repo)
        if not os.path.isdir(folder):
            return self.not_found()
        if self.gated(repo):
            return self.refuse_gated()
        sub = sub.strip("/")
        base = os.path.join(folder, sub) if sub else folder
        if not os.path.isdir(base):
            return self.send(404, {"error": "Entry not found"}, headers={"X-Error-Code": "EntryNotFound"})
        entries = []
        if recursive:
            for root, dirs, names in os.walk(base):
                for name in sorted(dirs) + sorted(names):
                    entries.append(entry(folder, os.path.relpath(os.path.join(root, name), folder)))
        else:
            for name in sorted(os.listdir(base)):
                entries.append(entry(folder, os.path.join(sub, name) if sub else name))
        self.send(200, entries)

    def paths_info(self, repo, body):
        folder = repo_dir(self.data, repo)
        if not os.path.isdir(folder):
            return self.not_found()
        if self.gated(repo):
            return self.refuse_gated()
        if body.startswith(b"{"):
            paths = json.loads(body).get("paths", [])
        else:
            paths = parse_qs(body.decode()).get("paths", [])
        self.send(200, [entry(folder, p) for p in paths if os.path.exists(os.path.join(folder, p))])

    def resolve(self, repo, rel):
        folder = repo_dir(self.data, repo)
        if not os.path.isdir(folder):
            return self.not_found()
        if self.gated(repo):
            return self.refuse_gated()
        full = within(folder, rel)
        if full is None or not os.path.isfile(full):
            return self.send(404, {"error": "Entry not found"}, headers={"X-Error-Code": "EntryNotFound"})
        with open(full, "rb") as f:
            content = f.read()
        headers = {"ETag": f'"{oid(full)}"', "X-Repo-Commit": revision(folder), "Accept-Ranges": "bytes"}
        m = re.match(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if m:
            start = int(m.group(1))
            end = int(m.group(2)) if m.group(2) else len(content) - 1
            end = min(end, len(content) - 1)
            headers["Content-Range"] = f"bytes {start}-{end}/{len(content)}"
            return self.send(206, content[start : end + 1], "application/octet-stream", headers)
        self.send(200, content, "application/octet-stream", headers)

    def create_repo(self, request):
        if not self.authorised():
            return self.send(401, {"error": "Invalid credentials in Authorization header"})
        name = request.get("name", "")
        org = request.get("organization") or "local"
        repo = name if "/" in name else f"{org}/{name}"
        folder = repo_dir(self.data, repo)
        if os.path.isdir(folder):
            return self.send(409, {"error": "You already created this dataset repo", "url": f"http://{self.headers['Host']}/datasets/{repo}"})
        os.makedirs(folder)
        visibility = os.path.join(self.data, "private", repo)
        os.makedirs(os.path.dirname(visibility), exist_ok=True)
        with open(visibility, "w") as f:
            # huggingface_hub 1.x sends "visibility"; older clients "private".
            f.write(json.dumps(request.get("visibility") == "private" or request.get("private") is True))
        self.send(200, {"url": f"http://{self.headers['Host']}/datasets/{repo}", "name": repo})

    def commit(self, repo, body):
        if not self.authorised():
            return self.send(401, {"error": "Invalid credentials in Authorization header"})
        folder = repo_dir(self.data, repo)
        if not os.path.isdir(folder):
            return self.not_found()
        with lock:
            for line in body.decode().splitlines():
                if not line.strip():
                    continue
                item = json.loads(line)
                value = item.get("value", {})
                if item.get("key") in ("file", "deletedFile", "lfsFile") and within(folder, value.get("path", "")) is None:
                    return self.send(400, {"error": "path outside the repository"})
                if item.get("key") == "lfsFile" and not re.fullmatch(r"[0-9a-f]{64}", str(value.get("oid", ""))):
                    return self.send(400, {"error": "not a sha256 oid"})
                if item.get("key") == "file":
                    target = os.path.join(folder, value["path"])
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    content = value.get("content", "")
                    raw = base64.b64decode(content) if value.get("encoding") == "base64" else content.encode()
                    with open(target, "wb") as f:
                        f.write(raw)
                elif item.get("key") == "deletedFile":
                    target = os.path.join(folder, value["path"])
                    if os.path.isfile(target):
                        os.remove(target)
                elif item.get("key") == "lfsFile":
                    target = os.path.join(folder, value["path"])
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(os.path.join(self.data, "lfs", value["oid"]), "rb") as src, open(target, "wb") as f:
                        f.write(src.read())
            sha = revision(folder)
        self.send(200, {"commitUrl": f"http://{self.headers['Host']}/datasets/{repo}/commit/{sha}", "commitOid": sha})

    # --- dataset viewer

    def viewer(self, endpoint, q):
        repo = q.get("dataset", "")
        folder = repo_dir(self.data, repo)
        if not repo or not os.path.isdir(folder) or self.gated(repo):
            return self.refuse_gated()
        configs = split_files(viewer_dir(self.data, repo))
        if endpoint == "splits":
            return self.send(200, {
                "splits": [{"dataset": repo, "config": c, "split": s} for c, splits in configs.items() for s in splits],
                "pending": [], "failed": [],
            })
        config = q.get("config")
        if endpoint == "info":
            infos = {c: self.config_info(repo, c, splits) for c, splits in configs.items()}
            if config is None:
                return self.send(200, {"dataset_info": infos, "pending": [], "failed": [], "partial": False})
            if config not in infos:
                return self.send(404, {"error": "Not found."}, headers={"X-Error-Code": "ConfigNamesError"})
            return self.send(200, {"dataset_info": infos[config], "partial": False})
        split = q.get("split")
        paths = configs.get(config, {}).get(split)
        if not paths:
            return self.send(404, {"error": "Not found."}, headers={"X-Error-Code": "SplitNotFound"})
        features, rows = load_split(paths)
        if endpoint == "first-rows":
            return self.send(200, self.first_rows(repo, config, split, features, rows))
        return self.send(200, {"num_examples": len(rows), "statistics": self.statistics(features, rows), "partial": False})

    def config_info(self, repo, config, splits):
        any_paths = next(iter(splits.values()))
        features, _ = load_split(any_paths)
        return {
            "dataset_name": repo.split("/")[1],
            "config_name": config,
            "features": features.to_dict(),
            "splits": {s: {"name": s, "num_examples": len(load_split(p)[1]), "dataset_name": repo.split("/")[1]} for s, p in splits.items()},
        }

    def first_rows(self, repo, config, split, features, rows):
        host = f"http://{self.headers['Host']}"
        out = []
        for i, row in enumerate(rows[:100]):
            cells = {}
            for name, value in row.items():
                if isinstance(value, dict) and "bytes" in value:
                    cells[name] = {"src": f"{host}/assets/{repo}/{config}/{split}/{i}/{name}", "height": 8, "width": 8}
                else:
                    cells[name] = value
            out.append({"row_idx": i, "row": cells, "truncated_cells": []})
        return {
            "dataset": repo, "config": config, "split": split,
            "features": [{"feature_idx": i, "name": n, "type": t} for i, (n, t) in enumerate(features.to_dict().items())],
            "rows": out, "truncated": len(rows) > 100,
        }

    def statistics(self, features, rows):
        from datasets import ClassLabel, Value

        stats = []
        for name, feature in features.items():
            values = [r[name] for r in rows]
            present = [v for v in values if v is not None]
            nan = {"nan_count": len(values) - len(present), "nan_proportion": (len(values) - len(present)) / max(len(values), 1)}
            if isinstance(feature, ClassLabel):
                counts = {}
                for v in present:
                    counts[feature.int2str(v)] = counts.get(feature.int2str(v), 0) + 1
                stats.append({"column_name": name, "column_type": "class_label", "column_statistics": {**nan, "no_label_count": 0, "no_label_proportion": 0.0, "n_unique": len(counts), "frequencies": counts}})
            elif isinstance(feature, Value) and feature.dtype.startswith(("int", "float")):
                kind = "int" if feature.dtype.startswith("int") else "float"
                stats.append({"column_name": name, "column_type": kind, "column_statistics": {
                    **nan, "min": min(present), "max": max(present), "mean": sum(present) / len(present),
                    "median": sorted(present)[len(present) // 2], "std": 0.0, "histogram": {"hist": [], "bin_edges": []}}})
            elif isinstance(feature, Value) and feature.dtype in ("string", "large_string"):
                counts = {}
                for v in present:
                    counts[v] = counts.get(v, 0) + 1
                if len(counts) <= 30 and len(counts) * 2 <= len(present):
                    stats.append({"column_name": name, "column_type": "string_label", "column_statistics": {**nan, "n_unique": len(counts), "frequencies": counts}})
                else:
                    lengths = [len(v) for v in present]
                    stats.append({"column_name": name, "column_type": "string_text", "column_statistics": {**nan, "min": min(lengths), "max": max(lengths), "mean": sum(lengths) / len(lengths), "median": sorted(lengths)[len(lengths) // 2], "std": 0.0, "histogram": {"hist": [], "bin_edges": []}}})
        return stats

    def asset(self, rest):
        parts = rest.split("/")
        repo, config, split, index, name = "/".join(parts[:2]), parts[2], parts[3], int(parts[4]), parts[5]
        paths = split_files(viewer_dir(self.data, repo)).get(config, {}).get(split)
        if not paths:
            return self.not_found()
        _, rows = load_split(paths)
        self.send(200, rows[index][name]["bytes"], "image/png")


def main():
    data, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(data, exist_ok=True)
    make_samples(data)
    with open(os.path.join(data, "write-token"), "w") as f:
        f.write(WRITE_TOKEN)
    Handler.data = data
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"hub stand-in on 127.0.0.1:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
