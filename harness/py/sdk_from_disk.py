"""Imports a dataset folder with the official Argilla Python SDK (argilla 2.8.0),
as a user restoring a backup would: `rg.Dataset.from_disk(path, workspace=..., name=...)`.

The folder has the SDK's `to_disk` layout:
    DIR/.argilla/dataset.json   DatasetModel ("name" is the only required key)
    DIR/.argilla/settings.json  fields, questions, metadata, vectors, guidelines,
                                distribution, allow_extra_metadata (a bool, required)
    DIR/records.json            [{"id", "fields", "metadata", "suggestions", "responses", "vectors", ...}]
If a dataset with that name already exists in the workspace, the SDK reuses it and
upserts the records into it (matched by external id).

Runs in a venv with the SDK (not the server's venv):
    python3 -m venv .work/sdk-venv && .work/sdk-venv/bin/pip install argilla==2.8.0 requests
    (argilla 2.8.0 imports `requests` without declaring it)

Usage:
    python sdk_from_disk.py --api-url URL --api-key KEY --path DIR --workspace WS [--name NAME]

Prints one JSON line on stdout and exits 0:
    {"dataset_id", "records": count on the server, "fields": [names], "questions": [names],
     "first_record": {... the SDK's record dict, each response with its "status" ...}}
On error prints one JSON line {"error": "..."} on stdout (traceback on stderr) and exits 1.
"""

import argparse
import json
import os
import sys
import traceback
import warnings


def first_record(dataset):
    for record in dataset.records(with_suggestions=True, with_responses=True, with_vectors=True):
        data = record.to_dict()
        # to_dict() drops each response's status; put it back beside value and user_id.
        responses = {}
        for response in record.responses:
            status = getattr(response.status, "value", response.status)
            responses.setdefault(response.question_name, []).append(
                {"value": response.value, "user_id": str(response.user_id), "status": status}
            )
        data["responses"] = responses
        return data
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--name", default=None)
    args = parser.parse_args()

    # Keep stdout for the one JSON line: progress bars and warnings go to stderr.
    os.environ.setdefault("TQDM_DISABLE", "1")
    warnings.simplefilter("ignore")
    try:
        import argilla as rg

        client = rg.Argilla(api_url=args.api_url, api_key=args.api_key)
        dataset = rg.Dataset.from_disk(args.path, workspace=args.workspace, name=args.name, client=client)
        answer = client.api.http_client.get(f"/api/v1/datasets/{dataset.id}/records", params={"limit": 1})
        answer.raise_for_status()
        print(
            json.dumps(
                {
                    "dataset_id": str(dataset.id),
                    "records": answer.json()["total"],
                    "fields": [field.name for field in dataset.settings.fields],
                    "questions": [question.name for question in dataset.settings.questions],
                    "first_record": first_record(dataset),
                },
                default=str,
            ),
            flush=True,
        )
        return 0
    except Exception as error:  # noqa: BLE001 - report anything, exit 1
        traceback.print_exc(file=sys.stderr)
        message = f"{type(error).__name__}: {error}"
        if error.__cause__ is not None:
            message += f" (caused by {type(error.__cause__).__name__}: {error.__cause__})"
        print(json.dumps({"error": message}), flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
