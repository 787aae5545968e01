#!/usr/bin/env python3
"""Print the HTTP requests botocore builds for a list of operations, without any network.

stdin: {"cases": [{"service": "s3control", "region": "us-east-1", "operation": "CreateJob",
                   "params": {...}, "addressing": "path" | "virtual" (S3 only),
                   "bodyText": "..." (optional, becomes Params["Body"] as UTF-8 bytes)}]}
Parameters use the model's member names. Checksums are computed only when the model requires
them (request_checksum_calculation="when_required"), so PutObject bodies are sent as given. Structure members are reordered into the model's member
order before serialising, because botocore writes XML members in the order the caller gave them.

stdout: {"botocore": "<version>", "results": [{"method", "url", "path", "query", "pairs",
         "headers", "body", "bodyBase64"} | {"error": "..."}]} in the order of the cases.
"""
import base64
import json
import sys
from urllib.parse import parse_qsl, urlsplit

import botocore
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.config import Config


class _EmptyRaw:
    """The raw part of a dummy HTTP answer: an empty body."""

    def stream(self, **kwargs):
        return iter([b""])

    def read(self, *args, **kwargs):
        return b""


def _in_model_order(value, shape):
    """Reorder every structure's keys into the order of the model's members."""
    if value is None or shape is None:
        return value
    if shape.type_name == "structure" and isinstance(value, dict):
        ordered = {}
        for name, member in shape.members.items():
            if name in value:
                ordered[name] = _in_model_order(value[name], member)
        unknown = [k for k in value if k not in shape.members]
        if unknown:
            raise ValueError(f"unknown members {unknown} for shape {shape.name}")
        return ordered
    if shape.type_name == "list" and isinstance(value, list):
        return [_in_model_order(v, shape.member) for v in value]
    if shape.type_name == "map" and isinstance(value, dict):
        return {k: _in_model_order(v, shape.value) for k, v in value.items()}
    return value


def _client(session, case):
    config = Config(
        s3={"addressing_style": case.get("addressing", "virtual")},
        retries={"max_attempts": 1, "mode": "standard"},
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    return session.create_client(
        case["service"],
        region_name=case.get("region", "us-east-1"),
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        config=config,
    )


def run(case, session):
    client = _client(session, case)
    captured = {}

    def before_send(request, **kwargs):
        captured["request"] = request
        return AWSResponse(request.url, 200, {}, _EmptyRaw())

    client.meta.events.register("before-send", before_send)
    operation_model = client.meta.service_model.operation_model(case["operation"])
    params = _in_model_order(case.get("params", {}), operation_model.input_shape)
    if "bodyText" in case:
        params["Body"] = case["bodyText"].encode("utf-8")
    method = getattr(client, botocore.xform_name(case["operation"]))
    try:
        method(**params)
    except Exception as error:  # the dummy answer may not parse; the request is what matters
        if "request" not in captured:
            return {"error": f"{type(error).__name__}: {error}"}
    request = captured["request"]
    body = request.body
    if body is None:
        body = b""
    elif hasattr(body, "read"):
        body.seek(0)
        body = body.read()
    elif isinstance(body, str):
        body = body.encode("utf-8")
    parts = urlsplit(request.url)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    return {
        "method": request.method,
        "url": request.url,
        "host": parts.netloc,
        "path": parts.path,
        "query": parts.query,
        "pairs": parse_qsl(parts.query, keep_blank_values=True),
        "headers": {k.lower(): (v.decode() if isinstance(v, bytes) else v) for k, v in request.headers.items()},
        "body": text,
        "bodyBase64": base64.b64encode(body).decode("ascii"),
    }


def main():
    cases = json.load(sys.stdin)["cases"]
    session = botocore.session.get_session()
    results = []
    for case in cases:
        try:
            results.append(run(case, session))
        except Exception as error:
            results.append({"error": f"{type(error).__name__}: {error}"})
    json.dump({"botocore": botocore.__version__, "results": results}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
