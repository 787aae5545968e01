#!/usr/bin/env python3
"""Creates the jobs of a `bops plan --json` file with boto3, one create_job call per job, and prints
the elapsed seconds. Fresh client tokens, so every call makes a new job. With THREADS, that many
threads share the calls (one client each, as boto3 advises).
Usage: create_jobs.py PLAN_JSON ENDPOINT [THREADS]"""
import json
import sys
import threading
import time
import urllib.parse
import uuid

import boto3
from botocore import xform_name
from botocore.validate import validate_parameters


def strip_account_prefix(request, **kwargs):
    """boto3 always puts {AccountId}. in front of the S3 Control host; 123456789012.127.0.0.1 does not resolve."""
    parts = urllib.parse.urlsplit(request.url)
    account = request.headers.get("x-amz-account-id")
    account = account.decode() if isinstance(account, bytes) else account
    if account and parts.netloc.startswith(account + "."):
        request.url = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc[len(account) + 1:]))


def to_boto(value, shape):
    """The plan's CreateJob request (snake_case keys, as every bops JSON) in botocore's member names."""
    if shape.type_name == "structure":
        names = {xform_name(m): m for m in shape.members}
        out = {}
        for key, item in value.items():
            member = names.get(key)
            if member is None:
                raise SystemExit(f"create_jobs.py: no member {key!r} in {shape.name}")
            out[member] = to_boto(item, shape.members[member])
        return out
    if shape.type_name == "list":
        return [to_boto(item, shape.member) for item in value]
    if shape.type_name == "map":
        return {k: to_boto(v, shape.value) for k, v in value.items()}
    return value


def make_client():
    client = boto3.client("s3control", endpoint_url=sys.argv[2], region_name="us-east-1")
    client.meta.events.register("before-sign.s3-control", strip_account_prefix)
    return client


failures = []


def create(client, requests):
    try:
        for r in requests:
            params = dict(r)
            params["ClientRequestToken"] = str(uuid.uuid4())
            client.create_job(**params)
    except Exception as error:  # reported after the threads end: a failed call must fail the run
        failures.append(error)


plan = json.load(open(sys.argv[1]))
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
clients = [make_client() for _ in range(threads)]
shape = clients[0].meta.service_model.operation_model("CreateJob").input_shape
requests = [to_boto(a["request"], shape) for a in plan["actions"] if a.get("request")]
for r in requests:
    validate_parameters(r, shape)
shares = [requests[i::threads] for i in range(threads)]
start = time.monotonic()
if threads == 1:
    create(clients[0], requests)
else:
    workers = [threading.Thread(target=create, args=(c, s)) for c, s in zip(clients, shares)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
elapsed = time.monotonic() - start
if failures:
    raise SystemExit(f"create_jobs.py: create_job failed: {failures[0]}")
print(f"{len(requests)} {elapsed:.3f}")
